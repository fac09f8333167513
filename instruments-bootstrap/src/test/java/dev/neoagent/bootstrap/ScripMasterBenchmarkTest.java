package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.contract.InstrumentKeys;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: a benchmark, excluded from {@code mvn verify} by its tag. Run it with
 * <pre>
 * mvn -B -pl instruments-bootstrap -am test -Pbenchmark -Dtest=ScripMasterBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the {@code benchmark} profile selects the tag; this module's profile also runs the JVM with {@code -Xmx256m}).
 *
 * <p>Generates a ~100,000-row nse_fo and an ~11,000-row nse_cm file, then, in each round, measures the baseline
 * (the same files read with commons-csv, every record touched, nothing else) and the whole load through the CLI
 * into the embedded Redis (connect, stream, parse, validate, pipeline the temporary hashes, swap, report). Prints
 * rows/s, wall time, the ratio and the peak heap per round, and the targets: whole load under 2 s, within 1.5x
 * of the baseline, heap under 256 MB. Timing targets are printed, not asserted: the numbers depend on the
 * machine's load.
 */
@Tag("benchmark")
class ScripMasterBenchmarkTest {

    private static final int ROUNDS = 7;
    private static final double TARGET_SECONDS = 2.0;
    private static final double TARGET_RATIO = 1.5;
    private static final long TARGET_HEAP_BYTES = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void loadVersusCommonsCsvBaseline() throws IOException {
        SyntheticScripMaster generator = new SyntheticScripMaster();
        Path fo = generator.writeFo(dir.resolve("nse_fo.csv"), Fixtures.FIXTURE_DAY);
        Path cm = generator.writeCm(dir.resolve("nse_cm-v1.csv"));
        long rows = generator.foRows + generator.cmRows;
        Clock clock = Fixtures.clockAt(Fixtures.FIXTURE_DAY);

        System.out.printf(
                Locale.ROOT,
                "%nscrip-master load benchmark: nse_fo %d rows (%.1f MB), nse_cm %d rows"
                        + " (%.1f MB); max heap %d MB; %d CPUs%n",
                generator.foRows,
                Files.size(fo) / 1e6,
                generator.cmRows,
                Files.size(cm) / 1e6,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "%-6s %12s %12s %12s %12s %7s %10s  %s%n",
                "round",
                "baseline s",
                "baseline r/s",
                "load s",
                "load r/s",
                "ratio",
                "peak heap",
                "load report's own split");

        List<double[]> results = new ArrayList<>();
        try (RedisFixture redis = new RedisFixture()) {
            for (int round = 1; round <= ROUNDS; round++) {
                long t0 = System.nanoTime();
                long baselineRows = baseline(fo) + baseline(cm);
                double baseline = (System.nanoTime() - t0) / 1e9;
                assertThat(baselineRows).isEqualTo(rows);

                ByteArrayOutputStream report = new ByteArrayOutputStream();
                resetPeakHeap();
                long t1 = System.nanoTime();
                int exit = BootstrapMain.run(
                        new String[] {"--file", "nse_fo=" + fo, "--file", "nse_cm=" + cm},
                        Map.of("NEO_REDIS_URL", redis.server.url()),
                        new PrintStream(report, true, StandardCharsets.UTF_8),
                        System.err,
                        clock);
                double load = (System.nanoTime() - t1) / 1e9;
                long peakHeap = peakHeap();
                String split = report.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> l.startsWith("duration"))
                        .findFirst()
                        .orElse("")
                        .replaceFirst("^duration +", "");
                assertThat(exit).isEqualTo(0);
                assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, InstrumentKeys.INFO_ROWS_READ))
                        .isEqualTo(Long.toString(rows));

                results.add(new double[] {baseline, load, peakHeap});
                System.out.printf(
                        Locale.ROOT,
                        "%-6d %12.3f %12.0f %12.3f %12.0f %7.2f %7d MB  %s%n",
                        round,
                        baseline,
                        rows / baseline,
                        load,
                        rows / load,
                        load / baseline,
                        peakHeap >> 20,
                        split);
            }
            System.out.printf(
                    Locale.ROOT,
                    "loaded: NEO_INSTR_OPT %d, NEO_INSTR_EQ %d, NEO_INSTR_META %d%n",
                    redis.redis.hlen(InstrumentKeys.INSTR_OPT),
                    redis.redis.hlen(InstrumentKeys.INSTR_EQ),
                    redis.redis.hlen(InstrumentKeys.INSTR_META));
        }

        double[] cold = results.get(0);
        // medians of the warm rounds: the 2-core machine is noisy (JIT threads, other builds)
        double warmBaseline =
                median(results.stream().skip(1).mapToDouble(r -> r[0]).toArray());
        double warmLoad = median(results.stream().skip(1).mapToDouble(r -> r[1]).toArray());
        double maxHeap = results.stream().mapToDouble(r -> r[2]).max().orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "first round (cold JVM): load %.3f s, baseline %.3f s, ratio %.2f%n",
                cold[1],
                cold[0],
                cold[1] / cold[0]);
        System.out.printf(
                Locale.ROOT,
                "median of rounds 2-%d:   load %.3f s (%.0f rows/s), baseline %.3f s" + " (%.0f rows/s), ratio %.2f%n",
                ROUNDS,
                warmLoad,
                rows / warmLoad,
                warmBaseline,
                rows / warmBaseline,
                warmLoad / warmBaseline);
        System.out.printf(
                Locale.ROOT,
                "targets: load < %.1f s: %s (cold %.3f s); ratio <= %.1f: %s (warm %.2f);"
                        + " heap < %d MB: %s (peak %d MB)%n%n",
                TARGET_SECONDS,
                verdict(cold[1] < TARGET_SECONDS),
                cold[1],
                TARGET_RATIO,
                verdict(warmLoad / warmBaseline <= TARGET_RATIO),
                warmLoad / warmBaseline,
                TARGET_HEAP_BYTES >> 20,
                verdict(maxHeap < TARGET_HEAP_BYTES),
                ((long) maxHeap) >> 20);
    }

    /** The baseline: the same decoding and commons-csv parsing as the loader, touching every record, nothing else. */
    private static long baseline(Path file) throws IOException {
        long records = -1; // the header is a record too
        try (Reader reader = new InputStreamReader(
                        new BufferedInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            for (CSVRecord record : parser) {
                if (record.size() > 0) {
                    records++;
                }
            }
        }
        return records;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the reset (an upper bound of the heap in use at any one time). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
