package dev.neoagent.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis server bundled in the jar (codemonstur embedded-redis), for the demo only: loopback,
 * no persistence. It prefers port 6379, so a plain {@code redis-cli} reaches it, and takes any free
 * port when that one is busy.
 */
final class EmbeddedRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    static final int PREFERRED_PORT = 6379;

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port 0 for any free port, otherwise the port to try first */
    static EmbeddedRedis start(int port) {
        int chosen = port != 0 && isFree(port) ? port : freePort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(chosen)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("daemonize no")
                    // a full output pipe would block redis on its next log line: drain it
                    .soutListener(line -> log.debug("redis: {}", line))
                    .serrListener(line -> log.debug("redis err: {}", line))
                    .build();
            server.start();
            return new EmbeddedRedis(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis on port " + chosen, e);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded Redis", e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("embedded Redis did not stop cleanly: {}", e.toString());
        }
    }
}
