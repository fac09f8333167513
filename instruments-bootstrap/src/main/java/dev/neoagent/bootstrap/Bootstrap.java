package dev.neoagent.bootstrap;

import dev.neoagent.broker.ScripMasterSource;
import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.ScripMasterFiles;
import dev.neoagent.domain.Segment;
import dev.neoagent.json.PythonJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bootstrap run: find the files, stream and parse them, validate, publish atomically, report.
 * Nothing is written to Redis unless every check passed (or {@code --force}), and then only via
 * {@link InstrumentLoader#publish}, which swaps all hashes in one transaction.
 */
final class Bootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    /** The files a download fetches, by segment code (picked by name from the broker's list). */
    static final List<Segment> DOWNLOADED = List.of(Segment.NSE_FO, Segment.NSE_CM);

    /**
     * What to do.
     *
     * @param files          local files by segment; empty means download from the broker (unless {@code paper})
     * @param extraUnderlyings added to NIFTY and BANKNIFTY
     * @param paper          load the synthetic paper master of the day ({@link PaperMaster}) instead of files
     */
    record Options(
            Map<Segment, Path> files,
            List<String> extraUnderlyings,
            boolean legacyXtsKeys,
            boolean force,
            boolean dryRun,
            boolean paper) {
        Options {
            files = Map.copyOf(files);
            extraUnderlyings = List.copyOf(extraUnderlyings);
            if (paper && !files.isEmpty()) {
                throw new IllegalArgumentException("the paper master replaces local files; give one or the other");
            }
        }

        /** No broker is needed: local files or the paper master. */
        boolean offline() {
            return paper || !files.isEmpty();
        }
    }

    /** Where Redis is and how to reach the broker; the broker is only created when a download needs it. */
    record Environment(RedisEndpoint redis, Supplier<ScripMasterSource> broker, Clock clock) {
        Environment {
            Objects.requireNonNull(redis, "redis");
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Environment environment;

    Bootstrap(Environment environment) {
        this.environment = environment;
    }

    /**
     * Runs to completion and returns the report; REFUSED and DRY_RUN outcomes wrote nothing.
     *
     * @throws IOException on a read failure of a file or download (nothing written)
     * @throws RuntimeException for broker, Redis or configuration failures (nothing written, temp keys removed)
     */
    LoadReport run(Options options) throws IOException {
        long start = System.nanoTime();
        Clock clock = environment.clock();
        LocalDate today = LocalDate.now(clock.withZone(ExpiryDecoder.IST));
        Selection selection = new Selection(Selection.withDefaults(options.extraUnderlyings()), today);

        // Redis is connected in the background while the files are read: a cold JVM spends ~0.5 s loading the
        // Redis client, as long as parsing a whole nse_fo. A Redis failure is still reported before anything
        // is written, and as soon as it is known between files.
        try (PendingConnection redis = options.dryRun()
                        ? PendingConnection.NONE
                        : PendingConnection.start(environment.redis(), runId());
                BrokerCloser broker = new BrokerCloser(options.offline() ? null : environment.broker())) {
            // the paper master goes through exactly the same parse, validation and publish as real files
            List<ScripSource> sources = options.paper()
                    ? PaperMaster.sources(today)
                    : options.files().isEmpty() ? downloads(broker.get()) : localFiles(options);

            ScripMasterParser parser = new ScripMasterParser(selection);
            InstrumentSetBuilder builder = new InstrumentSetBuilder();
            List<FileResult> results = new ArrayList<>();
            for (ScripSource source : sources) {
                redis.failFast();
                LOG.info("Reading {} from {}", InstrumentKeys.segmentCode(source.segment()), source.location());
                try (InputStream in = source.open();
                        Reader reader =
                                new InputStreamReader(new BufferedInputStream(in, 1 << 16), StandardCharsets.UTF_8)) {
                    FileResult result = parser.parse(source.segment(), source.location(), reader, builder);
                    LOG.info(
                            "{}: {} rows, {} accepted, {} rejected{}",
                            InstrumentKeys.segmentCode(source.segment()),
                            result.rowsRead(),
                            result.accepted(),
                            result.rejected(),
                            result.problem().map(p -> ", " + p).orElse(""));
                    results.add(result);
                }
            }
            InstrumentSet set = builder.build();
            long parsed = System.nanoTime();

            // WATCH from here to the swap: a load published meanwhile makes this one fail instead of
            // overwriting a state its size check never saw.
            InstrumentLoader loader = redis.get();
            Optional<PreviousLoad> previous = loader == null ? Optional.empty() : loader.watchPrevious();
            List<String> refusals = LoadValidator.refusals(results, set, selection, previous);
            Map<String, Map<String, String>> hashes =
                    hashes(set, results, sources, selection, clock, options, refusals);
            Map<String, Integer> sizes = new LinkedHashMap<>();
            hashes.forEach((key, content) -> sizes.put(key, content.size()));

            LoadReport.Outcome outcome;
            long publishStart = System.nanoTime();
            long published = publishStart;
            if (options.dryRun()) {
                outcome = LoadReport.Outcome.DRY_RUN;
            } else if (!refusals.isEmpty() && !options.force()) {
                outcome = LoadReport.Outcome.REFUSED;
            } else {
                loader.publish(hashes);
                published = System.nanoTime();
                outcome = LoadReport.Outcome.LOADED;
            }
            LoadReport.Timings timings = new LoadReport.Timings(
                    redis.connectTime(),
                    Duration.ofNanos(parsed - start),
                    Duration.ofNanos(published - publishStart),
                    Duration.ofNanos(System.nanoTime() - start));
            return new LoadReport(outcome, results, set, sizes, refusals, options.force(), loader != null, timings);
        }
    }

    /** A Redis connection being opened on another thread; closes it whatever happens to the run. */
    private static final class PendingConnection implements AutoCloseable {
        static final PendingConnection NONE = new PendingConnection(null);

        private final CompletableFuture<InstrumentLoader> future;
        private volatile Duration connectTime = Duration.ZERO;

        private PendingConnection(CompletableFuture<InstrumentLoader> future) {
            this.future = future;
        }

        static PendingConnection start(RedisEndpoint redis, String runId) {
            PendingConnection pending = new PendingConnection(new CompletableFuture<>());
            pending.connectInBackground(redis, runId);
            return pending;
        }

        private void connectInBackground(RedisEndpoint redis, String runId) {
            long begin = System.nanoTime();
            Thread.ofPlatform().name("redis-connect").daemon(true).start(() -> {
                try {
                    InstrumentLoader loader = InstrumentLoader.connect(redis, runId);
                    connectTime = Duration.ofNanos(System.nanoTime() - begin);
                    future.complete(loader);
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        }

        /** Throws the connection failure now if it is already known. */
        void failFast() {
            if (future != null && future.isCompletedExceptionally()) {
                get();
            }
        }

        /** The connected loader (waits for it); null in a dry run. */
        InstrumentLoader get() {
            if (future == null) {
                return null;
            }
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause; // e.g. RedisConnectionException, reported as a Redis error
                }
                throw e;
            }
        }

        Duration connectTime() {
            return connectTime;
        }

        @Override
        public void close() {
            if (future != null) {
                future.thenAccept(InstrumentLoader::close); // now if connected, else when the attempt ends
            }
        }
    }

    private static List<ScripSource> localFiles(Options options) {
        List<ScripSource> sources = new ArrayList<>();
        // a fixed order (derivatives first, as a download does) keeps reports and line references stable
        for (Segment segment : List.of(Segment.NSE_FO, Segment.BSE_FO, Segment.NSE_CM)) {
            Path path = options.files().get(segment);
            if (path != null) {
                sources.add(new ScripSource.LocalFile(segment, path));
            }
        }
        return sources;
    }

    private static List<ScripSource> downloads(ScripMasterSource broker) {
        ScripMasterFiles files = broker.scripMasterFiles();
        List<ScripSource> sources = new ArrayList<>();
        for (Segment segment : DOWNLOADED) {
            URI uri = files.forSegment(InstrumentKeys.segmentCode(segment))
                    .orElseThrow(() -> new IllegalStateException("the broker's scrip-master list has no "
                            + InstrumentKeys.segmentCode(segment) + " file: " + files.files()));
            sources.add(new ScripSource.Download(segment, uri, broker));
        }
        return sources;
    }

    /** Every hash to publish, live key → content, in the order they are renamed. */
    private static Map<String, Map<String, String>> hashes(
            InstrumentSet set,
            List<FileResult> results,
            List<ScripSource> sources,
            Selection selection,
            Clock clock,
            Options options,
            List<String> refusals) {
        Map<String, Map<String, String>> hashes = new LinkedHashMap<>();
        hashes.put(InstrumentKeys.INSTR_OPT, set.options());
        hashes.put(InstrumentKeys.INSTR_EQ, set.equities());
        hashes.put(InstrumentKeys.INSTR_META, set.meta());
        hashes.put(InstrumentKeys.INSTR_EXPIRIES, set.expiryHash());
        if (options.legacyXtsKeys()) {
            hashes.put(InstrumentKeys.LEGACY_XTS_INSTR, set.options());
            hashes.put(InstrumentKeys.LEGACY_XTS_INSTR_EQ, set.equities());
        }
        hashes.put(InstrumentKeys.INSTR_INFO, info(set, results, sources, selection, clock, options, refusals));
        return hashes;
    }

    private static Map<String, String> info(
            InstrumentSet set,
            List<FileResult> results,
            List<ScripSource> sources,
            Selection selection,
            Clock clock,
            Options options,
            List<String> refusals) {
        PythonJson.ObjectWriter source = PythonJson.object();
        for (ScripSource s : sources) {
            source.string(InstrumentKeys.segmentCode(s.segment()), s.location());
        }
        long rowsRead = results.stream().mapToLong(FileResult::rowsRead).sum();
        long rejected = results.stream().mapToLong(FileResult::rejected).sum() + set.conflictRows();
        long skipped = results.stream().mapToLong(FileResult::skippedTotal).sum();
        String underlyings =
                PythonJson.stringList(selection.underlyings().stream().sorted().toList());

        Map<String, String> info = new LinkedHashMap<>();
        info.put(
                InstrumentKeys.INFO_LOADED_AT,
                OffsetDateTime.now(clock.withZone(ExpiryDecoder.IST))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        info.put(InstrumentKeys.INFO_SOURCE, source.toString());
        info.put(InstrumentKeys.INFO_ROWS_READ, Long.toString(rowsRead));
        info.put(InstrumentKeys.INFO_OPT_COUNT, Integer.toString(set.options().size()));
        info.put(InstrumentKeys.INFO_EQ_COUNT, Integer.toString(set.equities().size()));
        info.put(InstrumentKeys.INFO_REJECTED, Long.toString(rejected));
        // beyond the contract's six fields: more context for whoever reads the hash
        info.put(InstrumentKeys.INFO_META_COUNT, Integer.toString(set.meta().size()));
        info.put(InstrumentKeys.INFO_SKIPPED, Long.toString(skipped));
        info.put(InstrumentKeys.INFO_DUPLICATES, Long.toString(set.duplicateRows()));
        info.put(InstrumentKeys.INFO_UNDERLYINGS, underlyings);
        info.put(InstrumentKeys.INFO_FORCED, Boolean.toString(options.force() && !refusals.isEmpty()));
        return info;
    }

    /** Unique per run, so two overlapping runs never write each other's temporary keys. */
    private static String runId() {
        return Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    /** Creates the broker lazily (only a download needs one) and closes it with the run. */
    private static final class BrokerCloser implements AutoCloseable {
        private final Supplier<ScripMasterSource> factory;
        private ScripMasterSource broker;

        BrokerCloser(Supplier<ScripMasterSource> factory) {
            this.factory = factory;
        }

        ScripMasterSource get() {
            if (broker == null) {
                broker = Objects.requireNonNull(factory, "no broker in offline mode")
                        .get();
            }
            return broker;
        }

        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
