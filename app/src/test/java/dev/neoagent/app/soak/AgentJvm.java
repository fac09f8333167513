package dev.neoagent.app.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One agent process: the packaged jar's {@code run}, as an operator starts it, with its output in a log file of its
 * own. It can be killed (SIGKILL: no shutdown hook, nothing written), stopped (SIGTERM: requests in progress finish),
 * and, when started with a health port, measured: heap in use after a full GC and live threads.
 */
final class AgentJvm {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The process exited before it served: the message is the last line it printed. */
    static final class StartFailed extends IllegalStateException {
        StartFailed(String message) {
            super(message);
        }
    }

    /** Heap in use right after a full GC, and the JVM's live (platform) threads. */
    record Sample(Instant at, int requestsDone, long heapAfterGc, int liveThreads, long rssKb) {}

    final String name;
    /** The agent's instance id (its lease key {@code NEO_AGENT:<id>}), as it logs it when it starts serving. */
    String instanceId = "";
    /** Epoch milliseconds: serving since, and killed or stopped at (0 while it runs). */
    long servingSince;

    volatile long endedAt;
    private final Process process;
    final Path log;
    private final Integer httpPort;

    private AgentJvm(String name, Process process, Path log, Integer httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code java -jar neo-agent.jar run} with the given environment and waits until it serves (its log says
     * so).
     *
     * @param httpPort the /health and /metrics port, or null for none
     */
    static AgentJvm start(String name, Path logDir, Map<String, String> env, Integer httpPort) throws IOException {
        Path log = logDir.resolve(name + "-" + System.currentTimeMillis() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                // a full GC then leaves strongly reachable objects only: soft caches do not blur the heap figure
                "-XX:SoftRefLRUPolicyMSPerMB=0",
                "-jar",
                System.getProperty("neo.agent.jar"),
                "run"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("NEO_HTTP_PORT", httpPort == null ? "off" : Integer.toString(httpPort));
        AgentJvm agent = new AgentJvm(name, builder.start(), log, httpPort);
        agent.awaitServing(Duration.ofSeconds(90));
        return agent;
    }

    private void awaitServing(Duration within) throws IOException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                java.util.regex.Matcher serving =
                        java.util.regex.Pattern.compile("agent (\\S+) owns ").matcher(Files.readString(log));
                if (serving.find()) {
                    instanceId = serving.group(1);
                    servingSince = System.currentTimeMillis();
                    return;
                }
            }
            if (!process.isAlive()) {
                List<String> lines = Files.readAllLines(log);
                throw new StartFailed("exit code " + process.exitValue() + ", "
                        + (lines.isEmpty() ? "no output" : lines.getLast()) + " (" + log.getFileName() + ")");
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " did not start serving within " + within + "; see " + log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        endedAt = System.currentTimeMillis();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit; returns the exit code (143 or 0 for a clean stop). */
    int stop(Duration within) throws InterruptedException {
        endedAt = System.currentTimeMillis(); // from now on it only finishes what it holds
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException(name + " did not stop within " + within + " after SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    /**
     * Forces a full GC ({@code jcmd <pid> GC.run}, twice, so objects with finalizers or cleaners go too), then reads
     * heap and thread figures from the agent's own /metrics.
     */
    Sample sample(int requestsDone) throws IOException, InterruptedException {
        if (httpPort == null) {
            throw new IllegalStateException(name + " has no metrics port");
        }
        for (int i = 0; i < 2; i++) {
            jcmd("GC.run");
        }
        String metrics = get("/metrics");
        long heap = 0;
        int threads = -1;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("jvm_threads_live_threads ")) {
                threads = (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new Sample(Instant.now(), requestsDone, heap, threads, rssKb());
    }

    private long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS figure
        }
        return -1;
    }

    /** {@code jcmd <pid> GC.class_histogram}: live objects per class, after a full GC. */
    String classHistogram() throws IOException, InterruptedException {
        return jcmd("GC.class_histogram");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid()),
                        command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid() + " " + command + " failed: " + output);
        }
        return output;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
        }
    }
}
