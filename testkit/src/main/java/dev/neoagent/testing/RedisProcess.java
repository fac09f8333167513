package dev.neoagent.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One redis-server process of the bundled binary (the same as {@link RedisTestServer}'s), started with any arguments,
 * for tests of set-ups {@code RedisTestServer} does not make: a replica, a Sentinel, a TLS-only server. It listens on
 * 127.0.0.1 and a free port, runs in its own folder (config, log) and can be killed like a crashed server.
 * {@link #call} speaks just enough of the Redis protocol to set such a set-up up and watch it.
 */
public final class RedisProcess implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private RedisProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * A plain server (no persistence) with {@code extraArgs} after the defaults, e.g. {@code --replicaof 127.0.0.1 P}.
     */
    public static RedisProcess server(Path dir, String name, String... extraArgs) {
        return start(dir, name, port -> {
            List<String> args = new ArrayList<>(List.of(
                    "--port", String.valueOf(port),
                    "--bind", "127.0.0.1",
                    "--save", "",
                    "--appendonly", "no",
                    "--dir", dir.toString()));
            args.addAll(List.of(extraArgs));
            return args;
        });
    }

    /**
     * A server started with {@code args(port)} (its whole command line after the binary), once it accepts connections
     * on that port. {@code port} is free when chosen; should another process take it first, it is tried again.
     */
    public static RedisProcess start(Path dir, String name, IntFunction<List<String>> args) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = RedisTestServer.freePort();
            try {
                return startOn(dir, name + (attempt == 0 ? "" : "-" + attempt), port, args.apply(port));
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RedisProcess startOn(Path dir, String name, int port, List<String> args) {
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        try {
            command.add(RedisTestServer.executable().getAbsolutePath());
            command.addAll(args);
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RedisProcess redis = new RedisProcess(name, port, process, log);
            redis.awaitListening();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not listen on port " + port + ": " + log());
    }

    /** A Sentinel (the same binary with {@code --sentinel}) configured by {@code lines} (its port is set here). */
    public static RedisProcess sentinel(Path dir, String name, List<String> lines) {
        return start(dir, name, port -> {
            Path config = dir.resolve(name + "-" + port + ".conf");
            List<String> all = new ArrayList<>(
                    List.of("port " + port, "bind 127.0.0.1", "dir " + dir, "sentinel resolve-hostnames no"));
            all.addAll(lines);
            try {
                Files.write(config, all); // a Sentinel rewrites its config file: it must be writable
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of(config.toString(), "--sentinel");
        });
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process (SIGKILL: a crash, nothing flushed, connections cut) and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the server logged, for a failing test's message. */
    public String log() {
        String exit = process.isAlive() ? "" : "(exited with " + process.exitValue() + ")\n";
        try {
            return (Files.exists(log) ? Files.readString(log) : "(no log)\n") + exit;
        } catch (IOException e) {
            return "(log unreadable: " + e + ")\n" + exit;
        }
    }

    /**
     * One command on a new connection: a simple string or bulk string as {@code String}, an integer as {@code Long},
     * an array as {@code List}, nil as {@code null}; an error reply is thrown as {@link IllegalStateException}.
     */
    public Object call(String... args) {
        return call(port, args);
    }

    /** {@link #call(String...)} for a field of {@code INFO <section>}, e.g. {@code info("replication", "role")}. */
    public String info(String section, String field) {
        for (String line : String.valueOf(call("INFO", section)).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "";
    }

    /** A reply array of name/value pairs (as {@code SENTINEL replicas} gives per replica) as a map. */
    public static Map<String, String> pairs(Object reply) {
        List<?> list = (List<?>) reply;
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return map;
    }

    static Object call(int port, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(request.toByteArray());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("redis on port " + port + ": " + String.join(" ", args), e);
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Stops the process if it still runs (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + "@127.0.0.1:" + port;
    }
}
