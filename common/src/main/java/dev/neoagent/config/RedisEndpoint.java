package dev.neoagent.config;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where Redis is and how to reach it: the URL of {@code NEO_REDIS_URL} / {@code --redis-url}, read as lettuce reads
 * it, and the CA of {@code NEO_REDIS_CA_FILE} / {@code --redis-ca-file}. One place for the agent, the operator CLI and
 * the bootstrap, so all three accept the same URLs and trust the same certificates.
 *
 * <ul>
 *   <li>{@code redis://[[user:]password@]host[:port][/db]} — one server; {@code user:password} is an ACL user
 *       ({@code redis://password@host} a password alone, for {@code requirepass} / the {@code default} user);</li>
 *   <li>{@code rediss://...} — the same over TLS; the server's certificate is checked against the CA file when one is
 *       given, the JVM's trust store otherwise. {@code ?verifyPeer=FULL} (the default: chain and host name) and
 *       {@code ?verifyPeer=CA} (chain only, for servers reached by an address their certificate does not name, as
 *       Sentinel announces them) are honoured; {@code verifyPeer=NONE} is refused;</li>
 *   <li>{@code redis-sentinel://[[user:]password@]host1[:26379][,host2[:26379]...][/db]#master} — the primary of
 *       {@code master} as the Sentinels name it, asked again on every reconnect, so a failover is followed; the
 *       password is the data nodes', the Sentinels are asked without one (lettuce's rule);
 *       {@code rediss-sentinel://} is the same over TLS.</li>
 * </ul>
 *
 * <p>Every message this class makes (problems, {@link #redacted()}, {@link #reason}) has the password masked.
 */
public final class RedisEndpoint {
    /** The URL schemes accepted, all lower case (a URL's scheme is compared in lower case). */
    public static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");

    /** Why a CA file cannot go with a plain URL: only TLS URLs check certificates. */
    static final String CA_WITHOUT_TLS =
            "is set, but the Redis URL is not rediss:// or rediss-sentinel://, so no certificate would be checked";

    static final String NOT_REDIS = "is not a redis://, rediss://, redis-sentinel:// or rediss-sentinel:// URL";
    private static final String MASK = "****";
    private static final Pattern DATABASE = Pattern.compile("/?|/\\d{1,5}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final String CA_HINT =
            "set NEO_REDIS_CA_FILE (--redis-ca-file) to the PEM file of the CA that signed it";

    private final URI url;
    private final Optional<Path> caFile;
    private final Optional<TrustManagerFactory> trust;

    /**
     * @throws IllegalArgumentException when the URL or the CA file has a problem ({@link #urlProblem},
     *     {@link #caFileProblem}); the message has the password masked
     */
    public RedisEndpoint(URI url, Optional<Path> caFile) {
        this.url = url;
        this.caFile = caFile;
        urlProblem(url).ifPresent(problem -> {
            throw new IllegalArgumentException("Redis URL \"" + redact(url.toString()) + "\" " + problem);
        });
        caFile.flatMap(RedisEndpoint::caFileProblem).ifPresent(problem -> {
            throw new IllegalArgumentException("Redis CA file \"" + caFile.get() + "\" " + problem);
        });
        if (caFile.isPresent() && !isTls(url)) {
            throw new IllegalArgumentException("Redis CA file \"" + caFile.get() + "\" " + CA_WITHOUT_TLS);
        }
        this.trust = caFile.map(RedisEndpoint::trustManagers);
    }

    /** The URL alone, trusting the JVM's CAs for {@code rediss}. */
    public static RedisEndpoint of(URI url) {
        return new RedisEndpoint(url, Optional.empty());
    }

    /** What is wrong with the URL, for a message after the (redacted) URL; empty when it is a usable Redis URL. */
    public static Optional<String> urlProblem(URI url) {
        String scheme = lower(url.getScheme());
        if (!SCHEMES.contains(scheme)) {
            return Optional.of(NOT_REDIS);
        }
        if (url.isOpaque() || url.getRawAuthority() == null) {
            return Optional.of("has no valid host name");
        }
        if (isSentinel(url)) {
            Optional<String> problem = sentinelProblem(url);
            if (problem.isPresent()) {
                return problem;
            }
        } else if (url.getHost() == null) {
            // URI leaves the host null for names it cannot parse, e.g. with "_" (common in docker-compose).
            return Optional.of("has no valid host name");
        }
        if (!DATABASE.matcher(url.getRawPath() == null ? "" : url.getRawPath()).matches()) {
            return Optional.of("has a bad database number (the path is /0, /1, ...)");
        }
        for (String parameter : parameters(url)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (name.equalsIgnoreCase(RedisURI.PARAMETER_NAME_VERIFY_PEER)) {
                switch (value.toUpperCase(Locale.ROOT)) {
                    case "FULL", "CA" -> {}
                    case "NONE" -> {
                        return Optional.of("turns TLS certificate checks off (verifyPeer=NONE), which is not allowed;"
                                + " to trust a private CA set NEO_REDIS_CA_FILE to its PEM file instead");
                    }
                    default -> {
                        return Optional.of("has verifyPeer=" + value + ": it is FULL (the default) or CA");
                    }
                }
            }
        }
        try {
            RedisURI.create(forLettuce(url));
        } catch (RuntimeException e) {
            return Optional.of("is not a valid Redis URL"); // lettuce's own words might quote the URL
        }
        return Optional.empty();
    }

    /** What is wrong with a CA file, for a message after its path; empty when it holds at least one certificate. */
    public static Optional<String> caFileProblem(Path file) {
        try {
            certificates(file);
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of("does not exist");
        } catch (AccessDeniedException e) {
            return Optional.of("cannot be read (permission denied)");
        } catch (IOException e) {
            return Optional.of("cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.of("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
    }

    public static boolean isTls(URI url) {
        String scheme = lower(url.getScheme());
        return scheme.equals("rediss") || scheme.equals("rediss-sentinel");
    }

    public static boolean isSentinel(URI url) {
        return lower(url.getScheme()).endsWith("-sentinel");
    }

    public URI url() {
        return url;
    }

    public Optional<Path> caFile() {
        return caFile;
    }

    /**
     * A new lettuce URI (they are mutable) with this command timeout. A timeout given in the URL is replaced: each
     * program picks the one its commands need.
     */
    public RedisURI uri(Duration commandTimeout) {
        RedisURI uri = RedisURI.create(forLettuce(url));
        uri.setTimeout(commandTimeout);
        return uri;
    }

    /** {@code options} with the TLS trust of this endpoint: the CA file's certificates only, when one is given. */
    public ClientOptions clientOptions(ClientOptions options) {
        if (trust.isEmpty()) {
            return options;
        }
        return options.mutate()
                .sslOptions(SslOptions.builder()
                        .jdkSslProvider()
                        .trustManager(trust.get())
                        .build())
                .build();
    }

    /**
     * {@code client.connect(uri)}, tried up to twice more when lettuce lost why it failed. When the server refuses the
     * handshake (a wrong password, an unknown ACL user) before lettuce looks for its handshake handler, lettuce
     * reports only "RedisHandshakeHandler not registered". Trying again reports the server's own answer
     * ({@code WRONGPASS ...}), which is what an operator must read.
     */
    public static StatefulRedisConnection<String, String> connect(RedisClient client, RedisURI uri) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.connect(uri);
            } catch (RedisException e) {
                if (attempt == 3 || !lostHandshakeReason(e)) {
                    throw e;
                }
            }
        }
    }

    /** Lettuce's handshake failure without its reason (a race in lettuce: see {@link #connect}). */
    static boolean lostHandshakeReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && "RedisHandshakeHandler not registered".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** A client with {@code options} (and this endpoint's TLS trust), on resources of its own. */
    public RedisClient newClient(ClientOptions options) {
        RedisClient client = new OwnResourcesClient(resources().build());
        client.setOptions(clientOptions(options));
        return client;
    }

    /**
     * Lettuce's client resources without its per-command latency collector: lettuce turns that on by itself whenever
     * HdrHistogram and LatencyUtils are on the classpath (Micrometer brings both), and then every command's reply
     * updates a shared latency map on the connection's event-loop thread (7 % of that thread's time in a burst of
     * orders), for figures nothing reads.
     */
    private static ClientResources.Builder resources() {
        return ClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled());
    }

    /**
     * A client with {@code options} as they are (apply {@link #clientOptions} first for an endpoint's TLS trust) that
     * reconnects after {@code reconnectDelay}: lettuce's default waits up to 30 s between attempts, long after a
     * Sentinel failover is over. Its resources are its own, as a client on default resources: shutting the client
     * down releases them.
     */
    public static RedisClient reconnectingClient(ClientOptions options, Delay reconnectDelay) {
        RedisClient client = new OwnResourcesClient(
                resources().reconnectDelay(reconnectDelay).build());
        client.setOptions(options);
        return client;
    }

    /** The URL with its password replaced by {@code ****}, for logs and messages. */
    public String redacted() {
        return redact(url.toString());
    }

    /**
     * Why connecting or a command failed, in one line an operator can act on, with the password masked: a TLS
     * certificate that is not trusted or does not name the host, a refused password, else the innermost cause's
     * message ("Connection refused: /127.0.0.1:6390").
     */
    public String reason(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable root = chain.getLast();
        String rootText = text(root);
        String reason;
        if (chain.stream()
                .anyMatch(t -> t instanceof CertPathBuilderException || t instanceof CertPathValidatorException)) {
            reason = "TLS: the server's certificate is not trusted ("
                    + rootText + "); "
                    + caFile.map(file -> "it was not signed by the CA in " + file)
                            .orElse(CA_HINT);
        } else if (chain.stream().anyMatch(t -> t instanceof CertificateException)) {
            reason = "TLS: the server's certificate does not name the host connected to (" + rootText
                    + "); connect by a name it holds, or add ?verifyPeer=CA to the URL to check the CA only";
        } else if (chain.stream().anyMatch(t -> t instanceof SSLException)) {
            reason = "TLS handshake failed (" + rootText + ")";
        } else if (chain.stream()
                .anyMatch(t -> t instanceof RedisCommandExecutionException && text(t).startsWith("WRONGPASS"))) {
            reason = rootText + " (check the user name and password in the Redis URL)";
        } else {
            reason = rootText;
        }
        return mask(reason);
    }

    /** {@code text} with this URL's password masked, in both its percent-encoded and its decoded spelling. */
    public String mask(String text) {
        String masked = text;
        for (String password : passwords()) {
            if (!password.isEmpty()) {
                masked = masked.replace(password, MASK);
            }
        }
        return masked;
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + redacted()
                + caFile.map(file -> ", CA " + file).orElse("") + "]";
    }

    /**
     * Masks the password in {@code scheme://user:password@host...}. Works on raw text too (not only parsed URIs),
     * so a URL that failed to parse can still be quoted in an error. Redis reads {@code redis://secret@host} as
     * a password with no user name, so user info without {@code :} is masked entirely. The last {@code @} counts:
     * a password holding an unencoded {@code @} is masked whole rather than in part.
     */
    public static String redact(String url) {
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

    private List<String> passwords() {
        String raw = url.getRawAuthority();
        if (raw == null || raw.lastIndexOf('@') < 0) {
            return List.of();
        }
        String userInfo = raw.substring(0, raw.lastIndexOf('@'));
        String password = userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1) : userInfo;
        // java.net.URI, and so lettuce, decode %XX in the user info but leave '+' alone
        return List.of(password, URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    private static Optional<String> sentinelProblem(URI url) {
        String authority = url.getRawAuthority();
        String hosts = authority.substring(authority.lastIndexOf('@') + 1);
        for (String node : hosts.split(",", -1)) {
            String host = node;
            String port = null;
            if (node.startsWith("[")) { // [::1]:26379
                int close = node.indexOf(']');
                host = close < 0 ? "" : node.substring(0, close + 1);
                port = close < 0 || close + 1 >= node.length() ? null : node.substring(close + 2);
            } else if (node.contains(":")) {
                host = node.substring(0, node.indexOf(':'));
                port = node.substring(node.indexOf(':') + 1);
            }
            if (host.isEmpty() || host.equals("[]")) {
                return Optional.of("has a sentinel address without a host (\"" + node + "\")");
            }
            if (port != null
                    && (!PORT.matcher(port).matches()
                            || Integer.parseInt(port) < 1
                            || Integer.parseInt(port) > 65535)) {
                return Optional.of("has a sentinel address with a bad port (\"" + node + "\")");
            }
        }
        boolean named = url.getRawFragment() != null && !url.getRawFragment().isEmpty()
                || parameters(url).stream()
                        .anyMatch(p -> p.toLowerCase(Locale.ROOT).startsWith("sentinelmasterid=") && p.length() > 17);
        if (!named) {
            return Optional.of(
                    "names no master: end it with #<master name>, e.g. redis-sentinel://host:26379/0#mymaster");
        }
        return Optional.empty();
    }

    private static List<String> parameters(URI url) {
        String query = url.getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        return List.of(query.split("[&;]"));
    }

    /** The URL as lettuce wants it: a lower-case scheme (lettuce compares schemes as written). */
    private static URI forLettuce(URI url) {
        String text = url.toString();
        String scheme = url.getScheme();
        try {
            return new URI(scheme.toLowerCase(Locale.ROOT) + text.substring(scheme.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return certificates;
        }
    }

    private static TrustManagerFactory trustManagers(Path file) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates(file)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Redis CA file \"" + file + "\" cannot be used (" + e.getMessage() + ")");
        }
    }

    private static String text(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName()
                : t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** A client that shuts down the resources it was given, as a client on default resources does. */
    private static final class OwnResourcesClient extends RedisClient {
        private final ClientResources resources;
        private final AtomicBoolean released = new AtomicBoolean();

        OwnResourcesClient(ClientResources resources) {
            super(resources, new RedisURI());
            this.resources = resources;
        }

        @Override
        public CompletableFuture<Void> shutdownAsync(long quietPeriod, long timeout, TimeUnit timeUnit) {
            return super.shutdownAsync(quietPeriod, timeout, timeUnit).thenCompose(closed -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                if (!released.compareAndSet(false, true)) {
                    done.complete(null);
                    return done;
                }
                resources.shutdown(quietPeriod, timeout, timeUnit).addListener(future -> done.complete(null));
                return done;
            });
        }
    }
}
