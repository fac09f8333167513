package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.contract.InstrumentKeys;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readers never see a missing or half-filled hash; failed or concurrent publishes leave nothing behind. */
@Timeout(120)
class AtomicSwapTest {

    private static RedisFixture redis;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRedis() {
        redis = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void clean() {
        redis.clear();
    }

    @Test
    void aConcurrentReaderNeverSeesTheHashMissingOrHalfFilledDuringReloads() throws Exception {
        Path fo = Fixtures.write(tmp, "nse_fo.csv", Fixtures.niftyWithBankNifty());
        Path cm = Fixtures.file(Fixtures.CM_V1_2025_12);
        String[] args = {"--file", "nse_fo=" + fo, "--file", "nse_cm=" + cm};
        long bankNifty = Fixtures.bankNiftyRows(false).size();
        // Two different, complete loads: on 2025-12-24 the 440 options of 2025-12-23 have expired. A reader may
        // see either size, never anything else (a missing hash, or one caught half-way through a rewrite).
        LocalDate dayA = Fixtures.FIXTURE_DAY;
        LocalDate dayB = LocalDate.of(2025, 12, 24);
        Set<Long> completeSizes = Set.of(3897 + bankNifty, 3897 - 440 + bankNifty);
        assertThat(redis.run(Fixtures.clockAt(dayA), args).exit()).isEqualTo(0);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        AtomicLong problemCount = new AtomicLong();
        List<String> problems = new CopyOnWriteArrayList<>(); // the first few, for the failure message
        Consumer<String> problem = text -> {
            if (problemCount.incrementAndGet() <= 10) {
                problems.add(text);
            }
        };
        Thread reader = new Thread(
                () -> {
                    try (StatefulRedisConnection<String, String> connection = redis.client.connect()) {
                        RedisCommands<String, String> r = connection.sync();
                        while (!stop.get()) {
                            long size = r.hlen(InstrumentKeys.INSTR_OPT);
                            if (!completeSizes.contains(size)) {
                                problem.accept("HLEN NEO_INSTR_OPT = " + size);
                            }
                            if (!"58801".equals(r.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-27_CE_26000"))) {
                                problem.accept("HGET NEO_INSTR_OPT NIFTY_2026-01-27_CE_26000 missing");
                            }
                            if (r.hget(InstrumentKeys.INSTR_META, "nse_fo|58801") == null) {
                                problem.accept("HGET NEO_INSTR_META nse_fo|58801 missing");
                            }
                            if (!"2885".equals(r.hget(InstrumentKeys.INSTR_EQ, "RELIANCE"))) {
                                problem.accept("HGET NEO_INSTR_EQ RELIANCE missing");
                            }
                            reads.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        problem.accept("reader failed: " + e);
                    }
                },
                "concurrent-reader");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() > 10);
            for (int i = 0; i < 6; i++) {
                long before = reads.get();
                LocalDate day = i % 2 == 0 ? dayB : dayA;
                assertThat(redis.run(Fixtures.clockAt(day), args).exit()).isEqualTo(0);
                assertThat(redis.redis.hlen(InstrumentKeys.INSTR_OPT))
                        .isEqualTo(day.equals(dayA) ? 3897 + bankNifty : 3897 - 440 + bankNifty);
                // the reader really ran while this reload was in progress
                assertThat(reads.get()).isGreaterThan(before);
            }
        } finally {
            stop.set(true);
            reader.join(Duration.ofSeconds(10));
        }
        assertThat(problems)
                .as("%d bad reads of %d", problemCount.get(), reads.get())
                .isEmpty();
        assertThat(reads.get()).isGreaterThan(100);
    }

    @Test
    void anEmptyHashDeletesTheLiveKeyInTheSameTransactionAndLiveKeysDoNotExpire() {
        redis.redis.hset(InstrumentKeys.INSTR_EQ, "OLD", "1");
        redis.redis.hset(InstrumentKeys.INSTR_OPT, "OLD", "1");
        try (InstrumentLoader loader =
                InstrumentLoader.connect(RedisEndpoint.of(URI.create(redis.server.url())), "t1")) {
            loader.watchPrevious();
            Map<String, Map<String, String>> hashes = new LinkedHashMap<>();
            hashes.put(InstrumentKeys.INSTR_OPT, Map.of("NIFTY_2026-01-27_CE_26000", "58801"));
            hashes.put(InstrumentKeys.INSTR_EQ, Map.of());
            loader.publish(hashes);
        }
        assertThat(redis.redis.hgetall(InstrumentKeys.INSTR_OPT))
                .isEqualTo(Map.of("NIFTY_2026-01-27_CE_26000", "58801"));
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_EQ)).isZero();
        assertThat(redis.redis.ttl(InstrumentKeys.INSTR_OPT)).isEqualTo(-1);
        assertThat(redis.redis.keys("*:loading:*")).isEmpty();
    }

    @Test
    void manyFieldsAreWrittenInSeveralCommands() {
        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < InstrumentLoader.FIELDS_PER_COMMAND * 2 + 7; i++) {
            big.put("F" + i, Integer.toString(i));
        }
        try (InstrumentLoader loader =
                InstrumentLoader.connect(RedisEndpoint.of(URI.create(redis.server.url())), "t2")) {
            loader.watchPrevious();
            loader.publish(Map.of(InstrumentKeys.INSTR_META, big));
        }
        assertThat(redis.redis.hgetall(InstrumentKeys.INSTR_META)).isEqualTo(big);
    }

    @Test
    void aLoadThatFinishedMeanwhileWinsAndThisOneChangesNothing() {
        redis.redis.hset(InstrumentKeys.INSTR_INFO, Map.of("opt_count", "10", "loaded_at", "earlier"));
        try (InstrumentLoader loader =
                InstrumentLoader.connect(RedisEndpoint.of(URI.create(redis.server.url())), "t3")) {
            Optional<PreviousLoad> previous = loader.watchPrevious();
            assertThat(previous)
                    .hasValueSatisfying(p -> assertThat(p.optCount()).hasValue(10));

            // another bootstrap publishes between our read and our swap
            redis.redis.hset(InstrumentKeys.INSTR_INFO, "loaded_at", "meanwhile");
            redis.redis.hset(InstrumentKeys.INSTR_OPT, "OTHER", "2");

            assertThatThrownBy(() -> loader.publish(Map.of(
                            InstrumentKeys.INSTR_OPT,
                            Map.of("MINE", "1"),
                            InstrumentKeys.INSTR_INFO,
                            Map.of("loaded_at", "mine"))))
                    .isInstanceOf(InstrumentLoader.ConcurrentLoad.class);
        }
        assertThat(redis.redis.hgetall(InstrumentKeys.INSTR_OPT)).isEqualTo(Map.of("OTHER", "2"));
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, "loaded_at")).isEqualTo("meanwhile");
        assertThat(redis.redis.keys("*:loading:*"))
                .as("temporary keys are cleaned up")
                .isEmpty();
    }

    @Test
    void garbledPreviousCountsMeanNoComparison() {
        assertThat(PreviousLoad.fromInfo(Map.of())).isEmpty();
        assertThat(PreviousLoad.fromInfo(Map.of("opt_count", "lots"))).hasValueSatisfying(p -> {
            assertThat(p.optCount()).isEmpty();
            assertThat(p.eqCount()).isEmpty();
        });
    }
}
