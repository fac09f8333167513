package dev.neoagent.agent.spot;

import static dev.neoagent.agent.spot.SpotHarness.BANK;
import static dev.neoagent.agent.spot.SpotHarness.NIFTY;
import static dev.neoagent.agent.spot.SpotHarness.QUOTES;
import static dev.neoagent.agent.spot.SpotHarness.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.contract.SpotKeys;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.LogCapture;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class SpotPollerTest {

    /** pollOnce must never wait itself: it only returns the delay. */
    private static final Sleeper NO_SLEEP = d -> {
        throw new AssertionError("pollOnce slept " + d);
    };

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofSeconds(60);

    private SpotHarness h;
    /** Tuesday 27 Jan 2026, 10:00 IST: market open. */
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        h = new SpotHarness();
        clock = MutableClock.ist("2026-01-27T10:00");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private SpotPoller poller() {
        return poller(SpotSettings.DEFAULTS);
    }

    private SpotPoller poller(SpotSettings settings) {
        return new SpotPoller(h.broker, h.recording, settings, clock, NO_SLEEP);
    }

    // ---------------------------------------------------------------- what is written

    @Test
    void writesBothValuesAsPlainDecimalsWithTheirQuoteTimesInOneMset() {
        h.fake.failNext(QUOTES, Fault.http(200, answer("25980.3500", "1769488200", "26000.0000", "1769488201")));

        Duration delay = poller().pollOnce();

        Map<String, String> expected = Map.of(
                "NF_SPOT",
                "25980.35",
                "NF_SPOT_TS",
                "1769488200000",
                "BN_SPOT",
                "26000",
                "BN_SPOT_TS",
                "1769488201000");
        assertThat(h.msets)
                .as("values, times and the source in one command")
                .containsExactly(with(expected, "NEO_SPOT_SOURCE", "rest"));
        assertThat(h.commands).containsExactly("mset");
        assertThat(h.spotKeys()).isEqualTo(expected);
        assertThat(h.redis.get("NEO_SPOT_SOURCE")).isEqualTo("rest");
        assertThat(delay).isEqualTo(SECOND);
    }

    @Test
    void writesWhatTheFakeKotakRendersWithItsUpdateTime() {
        long before =
                Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        h.fake.setIndexQuote("nse_cm", NIFTY, new BigDecimal("25990.1")); // sent as "25990.1000"
        long after = Instant.now().toEpochMilli();

        SpotPoller poller = poller();
        poller.pollOnce();

        Map<String, String> keys = h.spotKeys();
        assertThat(keys).containsEntry("NF_SPOT", "25990.1").containsEntry("BN_SPOT", "52000");
        for (String ts : List.of(keys.get("NF_SPOT_TS"), keys.get("BN_SPOT_TS"))) {
            assertThat(Long.parseLong(ts)).isBetween(before, after).matches(ms -> ms % 1000 == 0, "whole seconds");
        }
        assertThat(poller.successfulPolls()).isEqualTo(1);
        assertThat(poller.failedPolls()).isZero();
        assertThat(poller.lastWrite()).contains(clock.instant());
    }

    @Test
    void usesTheFetchTimeWhenKotakGivesNoUpdateTime() {
        h.fake.failNext(QUOTES, Fault.http(200, answer("25980.3500", null, "52000.0000", "1769488200")));

        poller().pollOnce();

        assertThat(h.redis.get("NF_SPOT_TS"))
                .isEqualTo(Long.toString(clock.instant().toEpochMilli()));
        assertThat(h.redis.get("BN_SPOT_TS")).isEqualTo("1769488200000");
    }

    @Test
    void asksForBothIndicesInOneQuotesCallPerCycle() {
        SpotPoller poller = poller();
        poller.pollOnce();
        poller.pollOnce();
        poller.pollOnce();

        List<RecordedCall> calls = h.quoteCalls();
        assertThat(calls).hasSize(3);
        assertThat(h.fake.requests()).hasSize(3); // no login, nothing else: quotes need only the consumer key
        for (RecordedCall call : calls) {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(SpotHarness.decodedPath(call))
                    .contains("nse_cm|Nifty 50")
                    .contains("nse_cm|Nifty Bank");
        }
        assertThat(h.msets).hasSize(3);
    }

    // ---------------------------------------------------------------- errors keep the last good value

    @Test
    void http500KeepsTheLastGoodValuesAndLogsOncePerStateChange() {
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            SpotPoller poller = poller();
            poller.pollOnce();
            Map<String, String> good = h.spotKeys();
            h.fake.setIndexQuote("nse_cm", NIFTY, new BigDecimal("26100"));
            for (int i = 0; i < 3; i++) {
                h.fake.failNext(QUOTES, Fault.http500Bare());
            }

            poller.pollOnce();
            poller.pollOnce();
            poller.pollOnce();

            assertThat(h.spotKeys()).isEqualTo(good);
            assertThat(h.msets).hasSize(1);
            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("Spot poller failing")
                    .contains("HTTP 500");
            assertThat(log.messages(Level.INFO)).noneMatch(m -> m.contains("recovered"));

            poller.pollOnce();

            assertThat(h.redis.get("NF_SPOT")).isEqualTo("26100");
            assertThat(log.messages(Level.WARN)).hasSize(1);
            assertThat(log.messages(Level.INFO))
                    .filteredOn(m -> m.contains("recovered"))
                    .hasSize(1);
            assertThat(poller.successfulPolls()).isEqualTo(2);
            assertThat(poller.failedPolls()).isEqualTo(3);
        }
    }

    @Test
    void kotakErrorObjectKeepsTheLastGoodValues() {
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            SpotPoller poller = poller();
            poller.pollOnce();
            Map<String, String> good = h.spotKeys();
            h.fake.setIndexQuote("nse_cm", BANK, new BigDecimal("52100"));
            h.fake.failNext(QUOTES, Fault.apiReject(1009, "Invalid instrument/code"));

            Duration delay = poller.pollOnce();

            assertThat(h.spotKeys()).isEqualTo(good);
            assertThat(delay).isEqualTo(Duration.ofSeconds(2));
            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("1009")
                    .contains("Invalid instrument/code");
        }
    }

    @Test
    void unparsableValueKeepsBothIndices() {
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            SpotPoller poller = poller();
            poller.pollOnce();
            Map<String, String> good = h.spotKeys();
            h.fake.failNext(QUOTES, Fault.http(200, answer("abc", "1769488200", "52100.0000", "1769488200")));

            poller.pollOnce();

            // The adapter cannot read the answer, so nothing of it is trusted.
            assertThat(h.spotKeys()).isEqualTo(good);
            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("abc");
            assertThat(poller.failedPolls()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "NIFTY ltp {0}")
    @CsvSource(
            nullValues = "absent",
            value = {"-5.0000", "0.0000", "absent"})
    void unusableValueIsDroppedAndTheOtherIndexStillWritten(String niftyLtp) {
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            SpotPoller poller = poller();
            poller.pollOnce();
            String goodNifty = h.redis.get("NF_SPOT");
            String goodNiftyTs = h.redis.get("NF_SPOT_TS");
            h.fake.failNext(QUOTES, Fault.http(200, answer(niftyLtp, "1769488300", "52100.5000", "1769488301")));

            Duration delay = poller.pollOnce();

            assertThat(h.redis.get("NF_SPOT")).isEqualTo(goodNifty);
            assertThat(h.redis.get("NF_SPOT_TS")).isEqualTo(goodNiftyTs);
            assertThat(h.msets.get(1))
                    .isEqualTo(Map.of("BN_SPOT", "52100.5", "BN_SPOT_TS", "1769488301000", "NEO_SPOT_SOURCE", "rest"));
            assertThat(delay).as("the broker answered: no backoff").isEqualTo(SECOND);
            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("NIFTY")
                    .doesNotContain("BANK");
            assertThat(poller.failedPolls()).isEqualTo(1);
            assertThat(poller.consecutiveFailures()).isZero();
        }
    }

    @Test
    void negativeValueFromTheFakeIsDropped() {
        SpotPoller poller = poller();
        poller.pollOnce();
        h.fake.setIndexQuote("nse_cm", NIFTY, new BigDecimal("-1"));
        h.fake.setIndexQuote("nse_cm", BANK, new BigDecimal("52100"));

        poller.pollOnce();

        assertThat(h.redis.get("NF_SPOT")).isEqualTo("25980.35");
        assertThat(h.redis.get("BN_SPOT")).isEqualTo("52100");
    }

    @Test
    void noUsableValueWritesNothingAndBacksOff() {
        h.fake.failNext(QUOTES, Fault.http(200, answer("0.0000", "1769488200", "-1.0000", "1769488200")));

        Duration delay = poller().pollOnce();

        assertThat(h.commands).doesNotContain("mset");
        assertThat(h.spotKeys())
                .containsOnlyKeys(SpotKeys.ALL)
                .allSatisfy((k, v) -> assertThat(v).isNull());
        assertThat(delay).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void missingIndexInTheAnswerIsAFailureAndTheOtherIsWritten() {
        BrokerAdapter onlyNifty = broker(keys -> List.of(new Quote(
                QuoteKey.NIFTY_50,
                new BigDecimal("25000.5"),
                Optional.empty(),
                Optional.of(Instant.ofEpochSecond(1769488200)))));
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            new SpotPoller(onlyNifty, h.recording, SpotSettings.DEFAULTS, clock, NO_SLEEP).pollOnce();

            assertThat(h.spotKeys()).containsEntry("NF_SPOT", "25000.5").containsEntry("BN_SPOT", null);
            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    // the index by NSE's name; Kotak's key for it (nse_cm|Nifty Bank) is the adapter's business
                    .contains("BANKNIFTY")
                    .contains("Nifty Bank");
        }
    }

    @Test
    void anyExceptionFromTheBrokerIsCaught() {
        List<List<QuoteKey>> asked = new ArrayList<>();
        BrokerAdapter buggy = broker(keys -> {
            asked.add(keys);
            throw new IllegalStateException("boom");
        });
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            SpotPoller poller = new SpotPoller(buggy, h.recording, SpotSettings.DEFAULTS, clock, NO_SLEEP);

            assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(2));
            assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(4));

            assertThat(asked)
                    .containsOnly(List.of(QuoteKey.NIFTY_50, QuoteKey.NIFTY_BANK))
                    .hasSize(2);
            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("IllegalStateException: boom");
            assertThat(poller.failedPolls()).isEqualTo(2);
        }
    }

    @Test
    void redisFailureIsAFailureAndRecoveryIsLogged() {
        AtomicBoolean redisDown = new AtomicBoolean(true);
        RedisCommands<String, String> flaky = failingRedis(h.recording, redisDown);
        try (LogCapture log = new LogCapture(SpotPoller.class)) {
            SpotPoller poller = new SpotPoller(h.broker, flaky, SpotSettings.DEFAULTS, clock, NO_SLEEP);
            assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(2));
            assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(4));
            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("Redis MSET failed")
                    .contains("connection lost");
            assertThat(h.spotKeys().get("NF_SPOT")).isNull();

            redisDown.set(false);

            assertThat(poller.pollOnce()).isEqualTo(SECOND);
            assertThat(h.redis.get("NF_SPOT")).isEqualTo("25980.35");
            assertThat(log.messages(Level.INFO))
                    .filteredOn(m -> m.contains("recovered"))
                    .hasSize(1);
            assertThat(log.messages(Level.WARN)).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- backoff

    @Test
    void backoffDoublesUpToAMinuteAndResetsOnSuccess() {
        SpotPoller poller = poller();
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            h.fake.failNext(QUOTES, Fault.http500Bare());
            delays.add(poller.pollOnce());
        }
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(poller.consecutiveFailures()).isEqualTo(8);

        assertThat(poller.pollOnce()).isEqualTo(SECOND);
        assertThat(poller.consecutiveFailures()).isZero();

        h.fake.failNext(QUOTES, Fault.http500Bare());
        assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void offHoursFailureWaitsTheOffHoursInterval() {
        clock = MutableClock.ist("2026-01-31T12:00"); // Saturday
        SpotPoller poller = poller();
        h.fake.failNext(QUOTES, Fault.http500Bare());
        h.fake.failNext(QUOTES, Fault.http500Bare());

        assertThat(poller.pollOnce()).isEqualTo(MINUTE);
        assertThat(poller.pollOnce()).isEqualTo(MINUTE);
    }

    @ParameterizedTest(name = "base {0} ms, {1} failures -> {2} ms")
    @CsvSource({
        "1000, 0, 1000",
        "1000, 1, 2000",
        "1000, 5, 32000",
        "1000, 6, 60000",
        "1000, 2147483647, 60000",
        "60000, 3, 60000",
        "90000, 2, 90000",
        "100, 9, 51200",
        "100, 10, 60000"
    })
    void backoffFormula(long baseMs, int failures, long expectedMs) {
        assertThat(SpotPoller.backoff(Duration.ofMillis(baseMs), failures)).isEqualTo(Duration.ofMillis(expectedMs));
    }

    // ---------------------------------------------------------------- market hours

    @ParameterizedTest(name = "{0} IST -> {1} ms")
    @CsvSource({
        "2026-01-27T10:00, 1000", // Tuesday, in session
        "2026-01-27T09:15, 1000", // opening instant is in session
        "2026-01-27T15:29:59.999, 1000",
        "2026-01-27T15:30, 60000", // closing instant is out
        "2026-01-27T18:00, 60000",
        "2026-01-27T02:00, 60000",
        "2026-01-27T09:14:30, 30000", // slow, but not past the open
        "2026-01-27T09:14:59.750, 250",
        "2026-01-30T15:30, 60000", // Friday after the close
        "2026-01-31T12:00, 60000", // Saturday
        "2026-02-01T09:14:30, 60000", // Sunday: the next open is Monday
        "2026-02-02T09:14:30, 30000", // Monday before the open
    })
    void marketHoursChooseTheInterval(String localTime, long expectedMs) {
        clock.set(LocalDateTime.parse(localTime).atZone(MarketHours.IST).toInstant());

        assertThat(poller().pollOnce()).isEqualTo(Duration.ofMillis(expectedMs));
    }

    @Test
    void configuredMarketHoursAndIntervalsAreUsed() {
        SpotSettings settings = SpotSettings.from(Map.of(
                "NEO_MARKET_HOURS",
                "10:00-11:00",
                "NEO_SPOT_INTERVAL_MS",
                "500",
                "NEO_SPOT_OFF_HOURS_INTERVAL_MS",
                "20000"));
        clock.set(
                LocalDateTime.parse("2026-01-27T10:30").atZone(MarketHours.IST).toInstant());
        assertThat(poller(settings).pollOnce()).isEqualTo(Duration.ofMillis(500));
        clock.set(
                LocalDateTime.parse("2026-01-27T11:00").atZone(MarketHours.IST).toInstant());
        assertThat(poller(settings).pollOnce()).isEqualTo(Duration.ofMillis(20000));
    }

    // ---------------------------------------------------------------- the thread

    @Test
    void startWritesWithinASecondKeepsPollingAndCloseStopsIt() {
        SpotSettings fast = new SpotSettings(
                true, Optional.empty(), Duration.ofMillis(100), MINUTE, MarketHours.NSE, Duration.ofSeconds(5));
        SpotPoller poller = new SpotPoller(h.broker, h.recording, fast, clock, Sleeper.REAL);
        try {
            poller.start();

            await().atMost(SECOND)
                    .untilAsserted(() -> assertThat(h.redis.get("NF_SPOT")).isEqualTo("25980.35"));
            h.fake.setIndexQuote("nse_cm", NIFTY, new BigDecimal("26001.50"));
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(h.redis.get("NF_SPOT")).isEqualTo("26001.5"));
            assertThat(poller.isRunning()).isTrue();
            assertThat(List.copyOf(h.callers)).allSatisfy(t -> {
                assertThat(t.getName()).isEqualTo("spot-poller");
                assertThat(t.isVirtual()).isTrue();
            });
        } finally {
            poller.close();
        }
        assertThat(poller.isRunning()).isFalse();
        int calls = h.quoteCalls().size();
        await().during(Duration.ofMillis(300))
                .atMost(SECOND)
                .until(() -> h.quoteCalls().size() == calls);
        assertThatThrownBy(poller::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeInterruptsALongWaitPromptly() {
        clock = MutableClock.ist("2026-01-31T12:00"); // Saturday: the loop waits a minute after each poll
        SpotPoller poller = new SpotPoller(h.broker, h.recording, SpotSettings.DEFAULTS, clock, Sleeper.REAL);
        poller.start();
        await().atMost(SECOND).until(() -> h.redis.get("NF_SPOT") != null);

        long start = System.nanoTime();
        poller.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SECOND);
        assertThat(poller.isRunning()).isFalse();
        assertThat(h.quoteCalls()).hasSize(1);
    }

    @Test
    void offSettingStartsNoThread() {
        SpotSettings off = SpotSettings.from(Map.of("NEO_SPOT", "off"));
        try (LogCapture log = new LogCapture(SpotPoller.class);
                SpotPoller poller = new SpotPoller(h.broker, h.recording, off, clock, Sleeper.REAL)) {
            poller.start();

            assertThat(poller.isRunning()).isFalse();
            assertThat(log.messages(Level.INFO)).singleElement().asString().contains("NEO_SPOT=off");
        }
        assertThat(h.fake.requests()).isEmpty();
        assertThat(h.commands).isEmpty();
    }

    @Test
    void startTwiceIsRefusedAndCloseIsIdempotent() {
        SpotPoller neverStarted = new SpotPoller(h.broker, h.recording, SpotSettings.DEFAULTS, clock, Sleeper.REAL);
        neverStarted.close();
        neverStarted.close();

        clock = MutableClock.ist("2026-01-31T12:00");
        SpotPoller poller = new SpotPoller(h.broker, h.recording, SpotSettings.DEFAULTS, clock, Sleeper.REAL);
        poller.start();
        assertThatThrownBy(poller::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        poller.close();
        poller.close();
        assertThat(poller.isRunning()).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    /** A broker whose quotes come from {@code quotes}; every other method is unexpected. */
    private static BrokerAdapter broker(Function<List<QuoteKey>, List<Quote>> quotes) {
        return (BrokerAdapter) Proxy.newProxyInstance(
                BrokerAdapter.class.getClassLoader(), new Class<?>[] {BrokerAdapter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("quotes")) {
                        @SuppressWarnings("unchecked")
                        List<QuoteKey> keys = (List<QuoteKey>) args[0];
                        return quotes.apply(keys);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Redis whose MSET fails as a dropped connection would while {@code down}; all else passes through. */
    @SuppressWarnings("unchecked")
    private static RedisCommands<String, String> failingRedis(RedisCommands<String, String> real, AtomicBoolean down) {
        return (RedisCommands<String, String>) Proxy.newProxyInstance(
                RedisCommands.class.getClassLoader(), new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("mset")) {
                        throw new RedisException("connection lost");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(map);
        out.put(key, value);
        return out;
    }
}
