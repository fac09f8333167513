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
 * @param redisUrl          a Redis URL of one of the forms {@link RedisEndpoint} reads (one server, TLS, Sentinel),
 *                          possibly with an ACL user and a password
 * @param redisCaFile       PEM file of the CA(s) a {@code rediss} server's certificate must be signed by; empty for
 *                          the JVM's trust store
 * @param home              neo home: one folder per user, see {@link UserConfigLoader}
 * @param loginUrl          Kotak login base URL, without trailing {@code /}
 * @param uids              the users to run; empty means every user found under {@code home}
 * @param connectTimeout    HTTP connect timeout towards the broker
 * @param readTimeout       HTTP read timeout towards the broker
 * @param requestsPerSecond broker request rate limit, 1..100
 */
public record AgentConfig(
        URI redisUrl,
        Optional<Path> redisCaFile,
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
            "Redis URL: redis://, rediss:// (TLS), redis-sentinel://host:26379,...#master; may hold [user:]password");
    public static final Setting REDIS_CA_FILE = new Setting(
            "NEO_REDIS_CA_FILE",
            "--redis-ca-file",
            "",
            "PEM file of the CA that signed a rediss:// server's certificate; unset: the JVM's trust store");
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
            REDIS_URL,
            REDIS_CA_FILE,
            HOME,
            LOGIN_URL,
            UIDS,
            HTTP_CONNECT_TIMEOUT_MS,
            HTTP_READ_TIMEOUT_MS,
            RATE_LIMIT_PER_SEC);

    public static final int MIN_REQUESTS_PER_SECOND = 1;
    public static final int MAX_REQUESTS_PER_SECOND = 100;

    private static final String RATE_RANGE =
            "must be between " + MIN_REQUESTS_PER_SECOND + " and " + MAX_REQUESTS_PER_SECOND;
    private static final String NOT_A_NUMBER = "is not a whole number";

    public AgentConfig {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisCaFile, "redisCaFile (use Optional.empty())");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(uids, "uids (use Optional.empty())");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");

        URI url = redisUrl;
        RedisEndpoint.urlProblem(url).ifPresent(problem -> {
            throw ConfigException.setting(REDIS_URL.envVar(), redact(url.toString()), problem);
        });
        redisCaFile.ifPresent(file -> {
            RedisEndpoint.caFileProblem(file).ifPresent(problem -> {
                throw ConfigException.setting(REDIS_CA_FILE.envVar(), UserConfig.printable(file.toString()), problem);
            });
            if (!RedisEndpoint.isTls(url)) {
                throw ConfigException.setting(
                        REDIS_CA_FILE.envVar(), UserConfig.printable(file.toString()), RedisEndpoint.CA_WITHOUT_TLS);
            }
        });

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

    /** Without a CA file: {@code rediss} servers are checked against the JVM's trust store. */
    public AgentConfig(
            URI redisUrl,
            Path home,
            URI loginUrl,
            Optional<List<String>> uids,
            Duration connectTimeout,
            Duration readTimeout,
            int requestsPerSecond) {
        this(redisUrl, Optional.empty(), home, loginUrl, uids, connectTimeout, readTimeout, requestsPerSecond);
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
                settings.optional(REDIS_CA_FILE).map(file -> path(REDIS_CA_FILE, file)),
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

    /** Where Redis is and how to reach it (the URL and the CA file), for making clients. */
    public RedisEndpoint redisEndpoint() {
        return new RedisEndpoint(redisUrl, redisCaFile);
    }

    @Override
    public String toString() {
        return "AgentConfig[redisUrl=" + redactedRedisUrl()
                + redisCaFile.map(file -> ", redisCaFile=" + file).orElse("")
                + ", home=" + home
                + ", loginUrl=" + loginUrl
                + ", uids=" + uids
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", requestsPerSecond=" + requestsPerSecond + "]";
    }

    /** The password in a URL masked, also in raw text that failed to parse: {@link RedisEndpoint#redact}. */
    static String redact(String url) {
        return RedisEndpoint.redact(url);
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
