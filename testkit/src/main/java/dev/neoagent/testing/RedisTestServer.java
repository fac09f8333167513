package dev.neoagent.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis for tests. If the environment variable {@value #ENV_URL} is set (e.g. CI with a Redis
 * service), that server is used as is — nothing is flushed, so tests must use their own keys.
 * Otherwise the redis-server binary bundled in codemonstur embedded-redis (6.2, linux-amd64) is
 * started on 127.0.0.1 and a free port, without persistence.
 */
public final class RedisTestServer implements AutoCloseable {
    public static final String ENV_URL = "NEO_TEST_REDIS_URL";

    private static final Logger LOG = LoggerFactory.getLogger(RedisTestServer.class);
    /** A free port can be taken by someone else between probing and binding; retry then. */
    private static final int START_ATTEMPTS = 3;

    /** The binary extracted from the jar, shared by all servers of this JVM. */
    private static File executable;

    private final String url;
    private final int port;
    /** Null when an external server is used. */
    private final RedisServer embedded;

    private RedisTestServer(String url, int port, RedisServer embedded) {
        this.url = url;
        this.port = port;
        this.embedded = embedded;
    }

    public static RedisTestServer start() {
        String external = System.getenv(ENV_URL);
        if (external != null && !external.isBlank()) {
            int port = URI.create(external.strip()).getPort();
            return new RedisTestServer(external.strip(), port < 0 ? 6379 : port, null);
        }
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                RedisServer server = build(port);
                server.start();
                return new RedisTestServer("redis://127.0.0.1:" + port + "/0", port, server);
            } catch (IOException e) {
                last = e;
                LOG.debug("embedded redis did not start on port {}", port, e);
            }
        }
        throw new UncheckedIOException("cannot start embedded redis", last);
    }

    private static RedisServer build(int port) throws IOException {
        return RedisServer.newRedisServer()
                .executableProvider(RedisTestServer::executable)
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("daemonize no")
                // The library stops reading stdout once the server is ready unless a listener is set;
                // a full pipe would then block redis on its next log line. Drain both streams.
                .soutListener(line -> LOG.debug("redis: {}", line))
                .serrListener(line -> LOG.debug("redis err: {}", line))
                .build();
    }

    /**
     * The library's default provider extracts the ~10 MB binary into a new temp directory for
     * every server; a test suite starts many, so extract once per JVM.
     */
    static synchronized File executable() throws IOException {
        if (executable == null || !executable.canExecute()) {
            executable = ExecutableProvider.newJarResourceProvider().get();
        }
        return executable;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** E.g. {@code redis://127.0.0.1:6390/0}, or the value of {@value #ENV_URL}. */
    public String url() {
        return url;
    }

    public int port() {
        return port;
    }

    /** False when {@value #ENV_URL} pointed at an external server. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Stops the embedded server (waits for the process to exit); no-op for an external one. */
    public void stop() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded redis", e);
        }
    }

    /**
     * Stops and starts the embedded server again on the same port (all data is lost, as with a
     * real restart without persistence). Clients see their connections drop and must reconnect.
     *
     * @throws UnsupportedOperationException for an external server
     */
    public void restart() {
        if (embedded == null) {
            throw new UnsupportedOperationException(
                    "restart needs the embedded redis; " + ENV_URL + " points at an external server");
        }
        stop();
        try {
            embedded.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart embedded redis on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
