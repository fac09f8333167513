package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code neo-agent} command lines in-process, as {@code Main} does, capturing both streams. */
final class CliRunner {
    private final Map<String, String> env;

    CliRunner(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command running on its own thread (a waiting level, {@code tail --follow}). */
    Background start(String... args) {
        return new Background(env, args);
    }

    static final class Background {
        // ByteArrayOutputStream's methods are synchronized: safe to read while the command writes
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
        private final Thread thread;

        private Background(Map<String, String> env, String[] args) {
            thread = Thread.ofPlatform()
                    .name("cli-" + args[0])
                    .start(() -> exitCode.set(Cli.run(
                            args,
                            env,
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8))));
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }

        boolean isDone() {
            return !thread.isAlive();
        }

        /** Ctrl-C for an in-process command: interrupt its thread. */
        void interrupt() {
            thread.interrupt();
        }

        Result awaitResult(Duration atMost) throws InterruptedException {
            thread.join(atMost);
            assertThat(thread.isAlive())
                    .as("command still running after %s", atMost)
                    .isFalse();
            return new Result(
                    exitCode.get(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
