package dev.neoagent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Process-wide settings, read once at start-up from environment variables (the CLI merges its flags over them
 * into the same map, keyed by variable name). Every setting is listed in {@link #SETTINGS}.
 *
 * <p>Invariants are checked in the constructor, so a config built in a test is as valid as one from
 * {@link #from(Map)}. {@link #toString()} masks the Redis password; use {@link #redactedRedisUrl()} to log the URL.
 *
 * @param redisUrl          {@code redis://} or {@code rediss://} URL, possibly with a password
 * @param home              neo home: one folder per user, see {@link UserConfigLoader}
 * @param loginUrl          Kotak login base URL, without trailing {@code /}
 * @param uids              the users to run; empty means every user found under {@code home}
 * @param connectTimeout    HTTP connect timeout towards the broker
 * @param readTimeout       HTTP read timeout towards the broker
 * @param requestsPerSecond broker request rate limit, 1..100
 */
public record AgentConfig(
        URI redisUrl,
        Path home,
        URI loginUrl,
        Optional<List<String>> uids,
        Duration connectTimeout,
        Duration readTimeout,
        int requestsPerSecond) {

    public static final Setting REDIS_URL = new Setting(
            "NEO_REDIS_URL",
            "--redis-url",
            "redis://127.0.0.1:6379/0",
            "Redis URL (redis:// or rediss://), may include a password");
    public static final Setting HOME =
            new Setting("NEO_HOME", "--home", "./neo-home", "Folder with one <uid>/<uid>.json per user");
    public static final Setting LOGIN_URL =
            new Setting("NEO_LOGIN_URL", "--login-url", "https://mis.kotaksecurities.com", "Kotak Neo login base URL");
    public static final Setting UIDS =
            new Setting("NEO_UIDS", "--uids", "", "Comma-separated user ids; empty means every user folder");
    public static final Setting HTTP_CONNECT_TIMEOUT_MS = new Setting(
            "NEO_HTTP_CONNECT_TIMEOUT_MS",
            "--http-connect-timeout-ms",
            "5000",
            "HTTP connect timeout towards the broker, milliseconds");
    public static final Setting HTTP_READ_TIMEOUT_MS = new Setting(
            "NEO_HTTP_READ_TIMEOUT_MS",
            "--http-read-timeout-ms",
            "10000",
            "HTTP read timeout towards the broker, milliseconds");
    public static final Setting RATE_LIMIT_PER_SEC = new Setting(
            "NEO_RATE_LIMIT_PER_SEC", "--rate-limit-per-sec", "10", "Maximum broker requests per second, 1 to 100");

    /** Every setting, in the order the CLI help and README show them. */
    public static final List<Setting> SETTINGS = List.of(
            REDIS_URL, HOME, LOGIN_URL, UIDS, HTTP_CONNECT_TIMEOUT_MS, HTTP_READ_TIMEOUT_MS, RATE_LIMIT_PER_SEC);

    public static final int MIN_REQUESTS_PER_SECOND = 1;
    public static final int MAX_REQUESTS_PER_SECOND = 100;

    private static final String RATE_RANGE =
            "must be between " + MIN_REQUESTS_PER_SECOND + " and " + MAX_REQUESTS_PER_SECOND;
    private static final String MASK = "****";
    private static final String NOT_A_NUMBER = "is not a whole number";

    public AgentConfig {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(uids, "uids (use Optional.empty())");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");

        String scheme = lower(redisUrl.getScheme());
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw ConfigException.setting(
                    REDIS_URL.envVar(), redact(redisUrl.toString()), "is not a redis:// or rediss:// URL");
        }
        if (redisUrl.getHost() == null) {
            // URI leaves the host null for names it cannot parse, e.g. with "_" (common in docker-compose).
            throw ConfigException.setting(REDIS_URL.envVar(), redact(redisUrl.toString()), "has no valid host name");
        }

        loginUrl = stripTrailingSlashes(loginUrl);
        String loginScheme = lower(loginUrl.getScheme());
        if (!(loginScheme.equals("https") || loginScheme.equals("http")) || loginUrl.getHost() == null) {
            throw ConfigException.setting(
                    LOGIN_URL.envVar(), redact(loginUrl.toString()), "is not an http:// or https:// URL");
        }

        uids = checkUids(uids);
        requirePositive(HTTP_CONNECT_TIMEOUT_MS, connectTimeout);
        requirePositive(HTTP_READ_TIMEOUT_MS, readTimeout);
        if (requestsPerSecond < MIN_REQUESTS_PER_SECOND || requestsPerSecond > MAX_REQUESTS_PER_SECOND) {
            throw ConfigException.setting(RATE_LIMIT_PER_SEC.envVar(), String.valueOf(requestsPerSecond), RATE_RANGE);
        }
    }

    /**
     * Builds the config from environment-variable-style values ({@code System.getenv()} with CLI flags merged
     * over it). Keys not in {@link #SETTINGS} are ignored; a missing or blank value means the default, because
     * {@code NEO_UIDS=} in a compose file means "not set" rather than "nobody".
     *
     * @throws ConfigException naming the variable and the bad value (with any password masked)
     */
    public static AgentConfig from(Map<String, String> values) {
        SettingsReader settings = new SettingsReader(values);
        return new AgentConfig(
                uri(REDIS_URL, settings.text(REDIS_URL)),
                path(HOME, settings.text(HOME)),
                uri(LOGIN_URL, settings.text(LOGIN_URL)),
                Optional.of(splitUids(settings.text(UIDS))),
                Duration.ofMillis(
                        settings.whole(HTTP_CONNECT_TIMEOUT_MS, Long.MIN_VALUE, Long.MAX_VALUE, NOT_A_NUMBER)),
                Duration.ofMillis(settings.whole(HTTP_READ_TIMEOUT_MS, Long.MIN_VALUE, Long.MAX_VALUE, NOT_A_NUMBER)),
                rate(settings));
    }

    /** The Redis URL with its password replaced by {@code ****}, for logs. */
    public String redactedRedisUrl() {
        return redact(redisUrl.toString());
    }

    @Override
    public String toString() {
        return "AgentConfig[redisUrl=" + redactedRedisUrl()
                + ", home=" + home
                + ", loginUrl=" + loginUrl
                + ", uids=" + uids
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", requestsPerSecond=" + requestsPerSecond + "]";
    }

    /**
     * Masks the password in {@code scheme://user:password@host...}. Works on raw text too (not only parsed URIs),
     * so a URL that failed to parse can still be quoted in an error. Redis reads {@code redis://secret@host} as
     * a password with no user name, so user info without {@code :} is masked entirely.
     */
    static String redact(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
        return url.substring(0, start) + masked + url.substring(at);
    }

    private static URI uri(Setting setting, String raw) {
        try {
            return new URI(raw);
        } catch (URISyntaxException e) {
            throw ConfigException.setting(setting.envVar(), redact(raw), "is not a valid URL");
        }
    }

    private static Path path(Setting setting, String raw) {
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw ConfigException.setting(setting.envVar(), UserConfig.printable(raw), "is not a valid path");
        }
    }

    /** Parsed as a long first so that "99999999999" is reported as out of range, not as "not a number". */
    private static int rate(SettingsReader settings) {
        long rate = settings.whole(RATE_LIMIT_PER_SEC, Long.MIN_VALUE, Long.MAX_VALUE, NOT_A_NUMBER);
        if (rate < MIN_REQUESTS_PER_SECOND || rate > MAX_REQUESTS_PER_SECOND) {
            throw SettingsReader.problem(RATE_LIMIT_PER_SEC, settings.text(RATE_LIMIT_PER_SEC), RATE_RANGE);
        }
        return (int) rate;
    }

    /** {@code " u1, ,u2 "} becomes {@code [u1, u2]}; validity is checked by the constructor. */
    private static List<String> splitUids(String raw) {
        return Arrays.stream(raw.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Optional<List<String>> checkUids(Optional<List<String>> uids) {
        if (uids.isEmpty() || uids.get().isEmpty()) {
            return Optional.empty(); // "run these nobody" is not useful; treat it as "not given"
        }
        Set<String> seen = new HashSet<>();
        for (String uid : uids.get()) {
            String problem = UserConfig.uidProblem(uid);
            if (problem != null) {
                throw ConfigException.setting(
                        UIDS.envVar(), UserConfig.printable(uid), "is not a valid user id: it " + problem);
            }
            if (!seen.add(uid)) {
                throw ConfigException.setting(UIDS.envVar(), uid, "is listed twice");
            }
        }
        return Optional.of(List.copyOf(uids.get()));
    }

    private static void requirePositive(Setting setting, Duration timeout) {
        // Zero means "wait forever" to most HTTP clients: never what a trading agent wants.
        if (timeout.isNegative() || timeout.isZero()) {
            throw ConfigException.setting(
                    setting.envVar(), String.valueOf(timeout.toMillis()), "must be a positive number of milliseconds");
        }
    }

    private static URI stripTrailingSlashes(URI uri) {
        String s = uri.toString();
        if (!s.endsWith("/")) {
            return uri;
        }
        return URI.create(s.replaceAll("/+$", ""));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
