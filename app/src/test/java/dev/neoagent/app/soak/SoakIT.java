package dev.neoagent.app.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak (issue 14): 10,000 requests over 100 users against the fake Kotak server, through random faults — session
 * expiry, HTTP 500, dropped replies, delays, RMS rejections, kill -9 of an agent and its restart, another agent
 * joining and leaving, Redis restarts. Not part of {@code mvn verify}: {@code mvn -B -Psoak -pl app -am verify}
 * (docs/soak.md). Prints its figures and writes them to {@code target/soak/soak-report.txt}.
 *
 * <p>Passes when no request was lost, none was answered or claimed twice, the broker holds at most one order per tag,
 * every order at the broker is named by its request's answer unless that answer is UNKNOWN (or the request went with
 * a Redis restart), and the measured agent's heap and thread count are flat.
 */
@Tag("soak")
class SoakIT {
    /**
     * Heap in use after a full GC may end at most 25 % + 16 MiB above the start sample (taken after a warm-up of 1,000
     * requests): with the ~45 MiB the agent starts at, a leak of about 3 KiB per request over the 9,000 requests that
     * follow exceeds it, while the agent's legitimate growth (the day's order states, ~0.6 KiB per order) and the
     * noise of requests in progress at a sample stay inside. Smaller leaks show in the report's class histogram diff.
     */
    static final double HEAP_GROWTH_FACTOR = 1.25;

    static final long HEAP_GROWTH_SLACK = 16L << 20;
    /** Live platform threads may end at most this many above the start (pools resize, connections come and go). */
    static final int THREAD_SLACK = 8;

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void everyRequestGetsExactlyOneAnswerThroughFaults() throws Exception {
        SoakSettings settings = SoakSettings.fromSystemProperties();
        System.out.printf(
                "[soak] %d requests, %d users, seed %d%n", settings.requests(), settings.users(), settings.seed());
        SoakResult result = new Soak(settings, System.out).run();
        SoakReport report = new SoakReport(result);

        List<String> failures = new ArrayList<>();
        check(failures, report.written == settings.requests(), "requests written: " + report.written);
        check(failures, report.lost == 0, "lost requests: " + report.lost);
        check(failures, report.duplicates() == 0, "duplicates: " + report.duplicates());
        check(
                failures,
                report.exactlyOneAnswer == report.answered,
                "answered but not exactly once: " + (report.answered - report.exactlyOneAnswer));
        check(
                failures,
                report.ordersHiddenByDefinitiveAnswer == 0,
                "orders at the broker that a SUCCESS/FAILED answer does not name: "
                        + report.ordersHiddenByDefinitiveAnswer + " (of " + report.requestsWithHiddenOrders
                        + " requests)");
        long heapLimit = (long) (result.start.heapAfterGc() * HEAP_GROWTH_FACTOR) + HEAP_GROWTH_SLACK;
        check(
                failures,
                result.end.heapAfterGc() <= heapLimit,
                "heap after GC grew from " + result.start.heapAfterGc() + " to " + result.end.heapAfterGc()
                        + " bytes (limit " + heapLimit + ")");
        check(
                failures,
                result.end.liveThreads() <= result.start.liveThreads() + THREAD_SLACK,
                "live threads grew from " + result.start.liveThreads() + " to " + result.end.liveThreads());
        String verdict = failures.isEmpty()
                ? "PASSED: no request lost, none answered or claimed twice, at most one order per tag, every order "
                        + "named by its answer, heap and threads flat"
                : "FAILED: " + String.join("; ", failures);
        String text = report.text(verdict);
        System.out.println(text);
        Files.writeString(settings.workDir().resolve("soak-report.txt"), text);
        assertThat(failures).as(verdict).isEmpty();
    }

    private static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }
}
