package dev.neoagent.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.neoagent.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's monitoring endpoint on {@code 127.0.0.1} (never another interface: see {@link HealthSettings}):
 *
 * <ul>
 *   <li>{@code GET /health}: {@link HealthReport#toJson()}, HTTP 200 when {@code UP} or {@code DEGRADED}, 503 when
 *       {@code DOWN} (rules in {@link HealthCheck});</li>
 *   <li>{@code GET /metrics}: {@link AgentMetrics#scrape()}, {@code text/plain; version=0.0.4};</li>
 *   <li>anything else: 404; a method other than GET or HEAD on those two: 405.</li>
 * </ul>
 *
 * <p>The JDK's built-in HTTP server, one virtual thread per request. {@link #close()} stops it at once (a scrape in
 * progress is cut off, which a monitor simply retries).
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    /** {@code 127.0.0.1}, the only address the server listens on. */
    public static final InetAddress BIND_ADDRESS = loopback();

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HealthCheck health;
    private final AgentMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HealthServer(HttpServer server, ExecutorService executor, HealthCheck health, AgentMetrics metrics) {
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * Starts the endpoint, or nothing when the settings turn it off.
     *
     * @return the running server, or empty when {@link HealthSettings#enabled()} is false
     * @throws ConfigException      when the port is taken (names {@code NEO_HTTP_PORT})
     * @throws UncheckedIOException when the server cannot start for another reason
     */
    public static Optional<HealthServer> start(HealthSettings settings, HealthCheck health, AgentMetrics metrics) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(metrics, "metrics");
        if (!settings.enabled()) {
            log.info("health and metrics endpoint off");
            return Optional.empty();
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(BIND_ADDRESS, settings.port()), 0);
        } catch (BindException e) {
            throw new ConfigException(HealthSettings.HTTP_PORT.envVar() + ": port " + settings.port()
                    + " on 127.0.0.1 cannot be used (" + e.getMessage() + "); choose another port or off");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the health and metrics endpoint", e);
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("neo-http-", 0).factory());
        HealthServer healthServer = new HealthServer(server, executor, health, metrics);
        server.createContext("/", healthServer::handle);
        server.setExecutor(executor);
        server.start();
        log.info("health and metrics on http://127.0.0.1:{}/health and /metrics", healthServer.port());
        return Optional.of(healthServer);
    }

    /** The port listened on (the one chosen when the settings said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address listened on: always {@code 127.0.0.1:<port>}. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once and ends the request threads. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean known = "/health".equals(path) || "/metrics".equals(path);
            if (!known) {
                respond(exchange, 404, TEXT, "not found: try /health or /metrics\n");
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, "method not allowed\n");
            } else if ("/health".equals(path)) {
                HealthReport report = health.check();
                respond(exchange, report.status().httpStatus(), JSON, report.toJson() + "\n");
            } else {
                respond(exchange, 200, AgentMetrics.CONTENT_TYPE, metrics.scrape());
            }
        } catch (RuntimeException | IOException e) {
            log.warn(
                    "health endpoint: {} failed ({})",
                    exchange.getRequestURI().getPath(),
                    e.getClass().getSimpleName());
            try {
                respond(exchange, 500, TEXT, "internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // the response had already begun, or the client left: nothing more to say
            }
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: four bytes are a valid IPv4 address
        }
    }
}
