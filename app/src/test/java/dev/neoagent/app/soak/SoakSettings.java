package dev.neoagent.app.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The soak's size and pacing, from system properties ({@code -Dneo.soak.requests=10000} and so on; Maven passes its
 * {@code -D} properties on to the test JVM). The defaults are the issue's: 10,000 requests over 100 users.
 *
 * @param requests         requests written in all ({@code neo.soak.requests})
 * @param users            simulated traders, each with its own user hash and Kotak account ({@code neo.soak.users})
 * @param seed             seed of every random choice: requests, think times, faults ({@code neo.soak.seed}; random
 *                         when absent, and printed either way)
 * @param thinkMean        mean pause of a trader between an answer and its next request ({@code neo.soak.thinkMs})
 * @param poll             how often a trader reads its answer fields while waiting ({@code neo.soak.pollMs})
 * @param lostAfter        how long a trader waits for an answer before it records the request as lost
 *                         ({@code neo.soak.lostAfterMs}); far beyond the UI's 10 s so a late answer is still seen
 * @param brokerFaultMean  mean time between two broker faults (HTTP 500, dropped reply, delay, RMS rejection, session
 *                         expiry) ({@code neo.soak.brokerFaultMs})
 * @param kills            kill -9 of the second agent, each followed by a restart ({@code neo.soak.kills})
 * @param visits           a third agent joining and, later, stopping gracefully ({@code neo.soak.visits})
 * @param redisRestarts    Redis restarts, all data lost ({@code neo.soak.redisRestarts})
 * @param workDir          agent homes and logs, the report ({@code neo.soak.dir}, default target/soak)
 */
record SoakSettings(
        int requests,
        int users,
        long seed,
        Duration thinkMean,
        Duration poll,
        Duration lostAfter,
        Duration brokerFaultMean,
        int kills,
        int visits,
        int redisRestarts,
        Path workDir) {

    SoakSettings {
        if (requests < 1 || users < 1) {
            throw new IllegalArgumentException("need at least one request and one user");
        }
    }

    static SoakSettings fromSystemProperties() {
        String seed = System.getProperty("neo.soak.seed", "");
        return new SoakSettings(
                integer("neo.soak.requests", 10_000),
                integer("neo.soak.users", 100),
                seed.isBlank() ? System.nanoTime() ^ System.currentTimeMillis() : Long.parseLong(seed.strip()),
                millis("neo.soak.thinkMs", 2_000),
                millis("neo.soak.pollMs", 100),
                millis("neo.soak.lostAfterMs", 60_000),
                millis("neo.soak.brokerFaultMs", 1_000),
                integer("neo.soak.kills", 10),
                integer("neo.soak.visits", 5),
                integer("neo.soak.redisRestarts", 2),
                Path.of(System.getProperty("neo.soak.dir", "target/soak")).toAbsolutePath());
    }

    private static int integer(String name, int defaultValue) {
        String value = System.getProperty(name, "");
        return value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }

    private static Duration millis(String name, long defaultValue) {
        return Duration.ofMillis(integer(name, (int) defaultValue));
    }

    /** One line for the report: how to run exactly this soak again. */
    String commandLine() {
        return "-Dneo.soak.requests=" + requests + " -Dneo.soak.users=" + users + " -Dneo.soak.seed=" + seed
                + " -Dneo.soak.thinkMs=" + thinkMean.toMillis() + " -Dneo.soak.brokerFaultMs="
                + brokerFaultMean.toMillis() + " -Dneo.soak.kills=" + kills + " -Dneo.soak.visits=" + visits
                + " -Dneo.soak.redisRestarts=" + redisRestarts;
    }
}
