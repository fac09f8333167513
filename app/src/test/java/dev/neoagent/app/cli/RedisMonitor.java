package dev.neoagent.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every command a Redis server receives ({@code MONITOR}), the way ui-contract.md was
 * captured, so a test can compare the CLI's writes with the UI's command for command.
 */
final class RedisMonitor implements AutoCloseable {
    private final Socket socket;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    RedisMonitor(String redisUrl) {
        URI uri = URI.create(redisUrl);
        try {
            socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
            OutputStream out = socket.getOutputStream();
            String userInfo = uri.getUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                String password = userInfo.substring(userInfo.indexOf(':') + 1);
                out.write(("*2\r\n$4\r\nAUTH\r\n$" + password.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                                + password + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write("*1\r\n$7\r\nMONITOR\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String ok;
            do {
                ok = in.readLine(); // +OK of AUTH (if any) and of MONITOR
            } while (ok != null && !ok.equals("+OK"));
            Thread.ofPlatform().daemon().name("redis-monitor").start(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The writes sent by clients (not by Lua scripts) to {@code key} that change a hash, as
     * {@code hset KEY f v ...} with the arguments unescaped, in the order Redis received them.
     */
    List<String> hashWrites(String key) {
        List<String> writes = new ArrayList<>();
        for (String line : lines) {
            if (line.contains(" lua]")) {
                continue;
            }
            List<String> args = args(line);
            if (args.size() >= 2
                    && (args.get(0).equalsIgnoreCase("hset") || args.get(0).equalsIgnoreCase("hdel"))
                    && args.get(1).equals(key)) {
                writes.add(args.get(0).toLowerCase() + " " + String.join(" ", args.subList(1, args.size())));
            }
        }
        return writes;
    }

    /** The quoted arguments of a MONITOR line, unescaped ({@code \"}, {@code \\}, {@code \xNN}, ...). */
    private static List<String> args(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (arg == null) {
                if (c == '"') {
                    arg = new StringBuilder();
                }
            } else if (c == '"') {
                args.add(arg.toString());
                arg = null;
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                switch (next) {
                    case 'n' -> arg.append('\n');
                    case 'r' -> arg.append('\r');
                    case 't' -> arg.append('\t');
                    case 'x' -> {
                        arg.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> arg.append(next);
                }
            } else {
                arg.append(c);
            }
        }
        return args;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
