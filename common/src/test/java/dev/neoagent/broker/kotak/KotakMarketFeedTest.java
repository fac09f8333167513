package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.domain.MarketIndex;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import dev.neoagent.testing.FakeMarketFeed;
import dev.neoagent.testing.FakeMarketFeed.Index;
import dev.neoagent.testing.FakeMarketFeed.Malformed;
import dev.neoagent.testing.LogCapture;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link KotakMarketFeed} against the fake SFeed over a real websocket: ticks, auth, re-login on 1120, reconnects
 * after drops and stalls, malformed input, the URL override, close. Backoffs are milliseconds here; every wait is on
 * a condition.
 */
class KotakMarketFeedTest {
    private static final FeedTimings FAST = new FeedTimings(
            Duration.ofSeconds(20),
            Duration.ofSeconds(10),
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            Duration.ofMinutes(1),
            Duration.ofSeconds(1));
    private static final Duration NO_STALL = Duration.ofMinutes(5);
    private static final String SUBSCRIPTION = "nse_cm|Nifty 50,nse_cm|Nifty Bank";

    private FakeKotakServer server;
    private FakeUser user;
    private OkHttpClient http;
    private KotakNeoAdapter adapter;
    private KotakMarketFeed feed;
    private final RecordingFeedListener listener = new RecordingFeedListener();
    private final AtomicBoolean expectTicks = new AtomicBoolean(false);

    @BeforeEach
    void start() {
        server = FakeKotakServer.start();
        user = server.addUser("FEED1");
        http = KotakNeoAdapter.newHttpClient();
        adapter = FakeBroker.adapter(user, FakeBroker.settings(server), http);
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        adapter.close();
        http.dispatcher().executorService().shutdown();
        server.close();
    }

    // ---------------------------------------------------------------- ticks

    @Test
    void anUnexpectedFailureBeforeAConnectionIsRetriedNotTheEnd() {
        FeedSessions real = adapter.feedSessions();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        FeedSessions failingOnce = new FeedSessions() {
            @Override
            public KotakSession current() {
                if (asked.getAndIncrement() == 0) {
                    throw new IllegalStateException("not a broker failure");
                }
                return real.current();
            }

            @Override
            public java.util.Optional<KotakSession> existing() {
                return real.existing();
            }

            @Override
            public KotakSession renew(KotakSession refused) {
                return real.renew(refused);
            }
        };
        feed = new KotakMarketFeed(
                "FEED1",
                user.ucc(),
                failingOnce,
                java.util.Optional.empty(),
                http,
                listener,
                new dev.neoagent.broker.MarketFeedOptions(NO_STALL, expectTicks::get),
                FAST,
                java.time.Clock.systemUTC());

        feed.start();

        eventually().until(() -> fake().subscribers() == 1);
        assertThat(asked.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void spotTicksOfBothIndicesReachTheListenerWithTheBrokersTime() {
        startAndAwaitSubscribed();
        long ltt = Instant.now().getEpochSecond();
        assertThat(fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.35"), ltt))
                .isEqualTo(1);
        assertThat(fake().sendIndex(Index.NIFTY_BANK, new BigDecimal("59120.10"), ltt))
                .isEqualTo(1);

        eventually().until(() -> listener.ticks.size() == 2);
        assertThat(listener.ticks)
                .extracting(RecordingFeedListener.Tick::index, RecordingFeedListener.Tick::time)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MarketIndex.NIFTY_50, Instant.ofEpochSecond(ltt)),
                        org.assertj.core.groups.Tuple.tuple(MarketIndex.NIFTY_BANK, Instant.ofEpochSecond(ltt)));
        assertThat(listener.ticks.get(0).value()).isEqualByComparingTo("25980.35");
        assertThat(listener.ticks.get(1).value()).isEqualByComparingTo("59120.10");
        assertThat(listener.ticks).allSatisfy(t -> assertThat(t.thread()).startsWith("kotak-sfeed-"));
        assertThat(feed.isConnected()).isTrue();
        assertThat(listener.connections).containsExactly(true);
        assertThat(listener.reconnects.get()).isZero();

        Instant before = Instant.now();
        fake().sendIndex(Index.NIFTY_50, new BigDecimal("25981"), 0); // no usable ltt: the receive time
        eventually().until(() -> listener.tick(MarketIndex.NIFTY_50, "25981").isPresent());
        assertThat(listener.tick(MarketIndex.NIFTY_50, "25981").get().time()).isBetween(before, Instant.now());
    }

    @Test
    void authSendsTheUccAndTheSessionsSidThenSubscribesToBothIndices() {
        startAndAwaitSubscribed();
        JsonNode auth = fake().authFrames().get(0);
        assertThat(auth.path("user").asText()).isEqualTo(user.ucc());
        assertThat(auth.path("auth").asText()).isEqualTo(currentSid());
        assertThat(auth.path("format").asText()).isEqualTo("native_batch");
        assertThat(auth.path("source").asText()).isEqualTo("NEOTRADEAPI");
        JsonNode subscribe = fake().subscribeFrames().get(0);
        assertThat(subscribe.path("event").asText()).isEqualTo("subscribeIndices");
        assertThat(subscribe.path("inputtoken").asText()).isEqualTo(SUBSCRIPTION);
        assertThat(subscribe.path("ack_symbol").asBoolean()).isTrue();
        assertThat(server.loginCount(user.ucc())).isEqualTo(1);
    }

    @Test
    void aNonDefaultDividerThe1117ReplyAndTokensLearnedFromTheAck() {
        fake().setDivider("nse_cm", 10_000);
        fake().setAuthReplyCode(1117);
        fake().setIndexToken(Index.NIFTY_50, 99_926_000);
        startAndAwaitSubscribed();
        fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.3512"));
        fake().sendIndex(Index.NIFTY_BANK, new BigDecimal("59120.1"));
        eventually().until(() -> listener.ticks.size() == 2);
        assertThat(listener.ticks.get(0).index()).isEqualTo(MarketIndex.NIFTY_50);
        assertThat(listener.ticks.get(0).value()).isEqualByComparingTo("25980.3512");
        assertThat(listener.ticks.get(1).value()).isEqualByComparingTo("59120.1");
    }

    @Test
    void aBatchOfPacketsInOneFrameIsSplitAndEachRead() {
        startAndAwaitSubscribed();
        FakeMarketFeed f = fake();
        long ltt = Instant.now().getEpochSecond();
        f.sendBatch(
                f.indexPacket(Index.NIFTY_50, new BigDecimal("25980.35"), ltt),
                f.marketPicturePacket("nse_fo", 58801, new BigDecimal("95.05"), 1_234_500),
                f.marketStatusPacket("nse_cm", 1),
                f.indexPacket(Index.NIFTY_BANK, new BigDecimal("59120.10"), ltt));

        eventually().until(() -> listener.ticks.size() == 2);
        assertThat(listener.ticks)
                .extracting(RecordingFeedListener.Tick::index)
                .containsExactly(MarketIndex.NIFTY_50, MarketIndex.NIFTY_BANK);
        SFeedData.LastTrade trade = feed.lastTrade("nse_fo", 58801).orElseThrow();
        assertThat(trade.ltp()).isEqualByComparingTo("95.05");
        assertThat(trade.openInterest()).isEqualTo(1_234_500);
        assertThat(listener.malformed).isEmpty();
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void aRefusedSessionLeadsToOneLoginAndThenSuccess() {
        adapter.login();
        String oldSid = currentSid();
        server.expireSessions(SessionExpiry.STCODE_1003);

        startAndAwaitSubscribed();

        assertThat(server.loginCount(user.ucc())).isEqualTo(2);
        assertThat(adapter.reloginCount()).isEqualTo(1);
        List<JsonNode> auths = fake().authFrames();
        assertThat(auths).hasSize(2);
        assertThat(auths.get(0).path("auth").asText()).isEqualTo(oldSid);
        assertThat(auths.get(1).path("auth").asText()).isEqualTo(currentSid()).isNotEqualTo(oldSid);
        assertThat(listener.connections).containsExactly(true);
        assertThat(fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.35"))).isEqualTo(1);
        eventually().until(() -> listener.tick(MarketIndex.NIFTY_50, "25980.35").isPresent());
    }

    // ---------------------------------------------------------------- reconnects

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDropLeadsToAReconnectWithReAuthAndReSubscribe(boolean abrupt) {
        startAndAwaitSubscribed();
        if (abrupt) {
            fake().dropAbruptly();
        } else {
            fake().drop();
        }

        eventually().until(() -> fake().connections() == 2 && fake().subscribers() == 1 && listener.up());
        assertThat(listener.connections).containsExactly(true, false, true);
        assertThat(listener.reconnects.get()).isEqualTo(1);
        assertThat(fake().authFrames())
                .hasSize(2)
                .allSatisfy(auth -> assertThat(auth.path("user").asText()).isEqualTo(user.ucc()))
                .extracting(auth -> auth.path("auth").asText())
                .containsOnly(currentSid());
        assertThat(fake().subscribeFrames())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.path("inputtoken").asText()).isEqualTo(SUBSCRIPTION));
        assertThat(server.loginCount(user.ucc())).as("the session was fine").isEqualTo(1);

        assertThat(fake().sendIndex(Index.NIFTY_BANK, new BigDecimal("59001.5")))
                .isEqualTo(1);
        eventually()
                .until(() -> listener.tick(MarketIndex.NIFTY_BANK, "59001.5").isPresent());
    }

    @Test
    void aStalledFeedIsCutByTheWatchdogAndReconnects() {
        expectTicks.set(true);
        feed = adapter.marketFeed(listener, new MarketFeedOptions(Duration.ofMillis(400), expectTicks::get), FAST);
        feed.start();
        eventually().until(() -> listener.up() && fake().subscribers() == 1);
        fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.35"));
        eventually().until(() -> listener.ticks.size() == 1);

        fake().stall();
        eventually().until(() -> fake().connections() >= 2 && fake().subscribers() == 1 && listener.up());
        expectTicks.set(false); // market "closed": the new connection may stay silent now
        eventually().until(() -> fake().subscribers() == 1 && listener.up() && fake().openConnections() == 1);

        assertThat(listener.connections).startsWith(true, false, true);
        assertThat(listener.reconnects.get()).isGreaterThanOrEqualTo(1);
        assertThat(fake().subscribeFrames().size()).isEqualTo(fake().connections());
        assertThat(fake().sendIndex(Index.NIFTY_50, new BigDecimal("25990"))).isEqualTo(1);
        eventually().until(() -> listener.tick(MarketIndex.NIFTY_50, "25990").isPresent());
    }

    @Test
    void aConnectionThatIsNeverAuthenticatedIsGivenUpAndRetried() {
        FeedTimings quickAuth = new FeedTimings(
                Duration.ofSeconds(20),
                Duration.ofMillis(300),
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofMinutes(1),
                Duration.ofSeconds(1));
        fake().answerAuth(false);
        feed = adapter.marketFeed(listener, new MarketFeedOptions(NO_STALL, expectTicks::get), quickAuth);
        feed.start();
        eventually().until(() -> fake().authFrames().size() >= 2);
        assertThat(listener.connections).isEmpty();
        assertThat(feed.isConnected()).isFalse();

        fake().answerAuth(true);
        eventually().until(() -> listener.up() && fake().subscribers() == 1);
        assertThat(listener.reconnects.get())
                .as("the first time up is not a reconnect")
                .isZero();
        assertThat(server.loginCount(user.ucc())).isEqualTo(1);
    }

    @Test
    void silenceOutsideMarketHoursIsNotAStall() {
        feed = adapter.marketFeed(listener, new MarketFeedOptions(Duration.ofMillis(100), expectTicks::get), FAST);
        feed.start();
        eventually().until(() -> listener.up() && fake().subscribers() == 1);
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(5))
                .until(() -> fake().connections() == 1 && feed.isConnected());
        assertThat(listener.connections).containsExactly(true);
    }

    // ---------------------------------------------------------------- malformed input

    @ParameterizedTest
    @CsvSource({
        "TRUNCATED_PACKET, truncated_packet",
        "UNKNOWN_MESSAGE_CODE, unknown_message_code",
        "LENGTH_BEYOND_FRAME, bad_length",
        "LENGTH_BELOW_HEADER, bad_length",
        "NOT_JSON, not_json"
    })
    void malformedInputIsReportedLoggedOnceAndSkippedWithTheConnectionKept(Malformed kind, String expected) {
        try (LogCapture logs = new LogCapture(KotakMarketFeed.class)) {
            startAndAwaitSubscribed();
            fake().sendMalformed(kind);
            fake().sendMalformed(kind);
            eventually().until(() -> listener.malformed.size() == 2);
            assertThat(listener.malformed).containsOnly(expected);

            assertThat(fake().sendIndex(Index.NIFTY_50, new BigDecimal("25970.05")))
                    .isEqualTo(1);
            eventually()
                    .until(() -> listener.tick(MarketIndex.NIFTY_50, "25970.05").isPresent());
            assertThat(fake().connections()).isEqualTo(1);
            assertThat(listener.connections).containsExactly(true);
            assertThat(feed.isConnected()).isTrue();
            assertThat(logs.messages(Level.WARN))
                    .filteredOn(m -> m.contains("(" + expected + ")"))
                    .hasSize(1);
        }
    }

    @Test
    void aZeroIndexValueIsNeverPassedOn() {
        startAndAwaitSubscribed();
        fake().sendIndex(Index.NIFTY_50, BigDecimal.ZERO);
        eventually().until(() -> listener.malformed.contains("bad_value"));
        assertThat(listener.ticks).isEmpty();
        assertThat(feed.isConnected()).isTrue();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheFeed() {
        AtomicBoolean thrown = new AtomicBoolean();
        RecordingFeedListener throwing = new RecordingFeedListener() {
            @Override
            public void onIndex(MarketIndex index, BigDecimal value, Instant time) {
                if (thrown.compareAndSet(false, true)) {
                    throw new IllegalStateException("listener bug");
                }
                super.onIndex(index, value, time);
            }
        };
        feed = adapter.marketFeed(throwing, new MarketFeedOptions(NO_STALL, expectTicks::get), FAST);
        feed.start();
        eventually().until(() -> throwing.up() && fake().subscribers() == 1);
        fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.35"));
        fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.40"));
        eventually().until(() -> throwing.tick(MarketIndex.NIFTY_50, "25980.40").isPresent());
        assertThat(thrown).isTrue();
        assertThat(feed.isConnected()).isTrue();
        assertThat(fake().connections()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- the URL

    @Test
    void theConfiguredFeedUrlWinsOverLogins() {
        fake().advertiseUrl("http://127.0.0.1:1/nowhere");
        KotakSettings settings = FakeBroker.settings(server).withFeedUrl(Optional.of(URI.create(fake().url())));
        adapter.close();
        adapter = FakeBroker.adapter(user, settings, http);
        startAndAwaitSubscribed();
        fake().sendIndex(Index.NIFTY_50, new BigDecimal("25980.35"));
        eventually().until(() -> listener.ticks.size() == 1);
    }

    @Test
    void withNoFeedUrlAtAllTheFeedSaysSoOnceAndStartsWhenALoginGivesOne() {
        fake().advertiseUrl(null);
        try (LogCapture logs = new LogCapture(KotakMarketFeed.class)) {
            feed = adapter.marketFeed(listener, new MarketFeedOptions(NO_STALL, expectTicks::get), FAST);
            feed.start();
            eventually()
                    .until(() -> logs.messages(Level.DEBUG).stream()
                                    .filter(m -> m.contains("still no feed URL"))
                                    .count()
                            >= 3);
            assertThat(logs.messages(Level.WARN))
                    .filteredOn(m -> m.contains("cannot start"))
                    .hasSize(1);
            assertThat(fake().connections()).isZero();
            assertThat(feed.isConnected()).isFalse();

            fake().advertiseUrl(fake().url());
            adapter.login();
            eventually().until(() -> listener.up() && fake().subscribers() == 1);
        }
    }

    @Test
    void neoFeedUrlIsReadFromTheEnvironmentAndChecked() {
        AgentConfig config = AgentConfig.from(Map.of());
        assertThat(KotakSettings.from(config, Map.of()).feedUrl()).isEmpty();
        assertThat(KotakSettings.from(config, Map.of("NEO_FEED_URL", " ")).feedUrl())
                .isEmpty();
        assertThat(KotakSettings.from(config, Map.of("NEO_FEED_URL", "wss://feed.example.com/apifeed"))
                        .feedUrl())
                .contains(URI.create("wss://feed.example.com/apifeed"));
        assertThatThrownBy(() -> KotakSettings.from(config, Map.of("NEO_FEED_URL", "ftp://feed.example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("NEO_FEED_URL: \"ftp://feed.example.com\"");
        assertThatThrownBy(() -> KotakSettings.from(config, Map.of("NEO_FEED_URL", "wss://bad host")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("NEO_FEED_URL");
        assertThat(KotakSettings.SETTINGS).contains(KotakSettings.FEED_URL);
    }

    @Test
    void httpsFeedUrlsBecomeWssAndHttpWs() {
        assertThat(KotakMarketFeed.webSocketUrl("https://sfeed.example.com/apifeed"))
                .isEqualTo("wss://sfeed.example.com/apifeed");
        assertThat(KotakMarketFeed.webSocketUrl("http://127.0.0.1:8080/feed")).isEqualTo("ws://127.0.0.1:8080/feed");
        assertThat(KotakMarketFeed.webSocketUrl("wss://x/y")).isEqualTo("wss://x/y");
        assertThatThrownBy(() -> KotakMarketFeed.webSocketUrl("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAdapterOffersItsFeedNotStarted() {
        Optional<BrokerFeed> offered = adapter.marketFeed(listener, new MarketFeedOptions(NO_STALL, expectTicks::get));
        assertThat(offered).containsInstanceOf(KotakMarketFeed.class);
        offered.get().close();
    }

    // ---------------------------------------------------------------- close

    @Test
    void closeDisconnectsStopsReconnectingAndLeavesNoThread() {
        startAndAwaitSubscribed();
        feed.close();
        assertThat(feed.isConnected()).isFalse();
        eventually().until(() -> fake().openConnections() == 0);
        eventually().until(() -> !feedThreadAlive());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> fake().connections() == 1);
        assertThat(listener.connections).as("nothing after close").containsExactly(true);
        assertThatThrownBy(feed::start).isInstanceOf(IllegalStateException.class);
        feed.close(); // idempotent
    }

    @Test
    void closeDuringTheBackoffCancelsThePendingReconnect() {
        FeedTimings slow = new FeedTimings(
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                Duration.ofSeconds(1));
        feed = adapter.marketFeed(listener, new MarketFeedOptions(NO_STALL, expectTicks::get), slow);
        feed.start();
        eventually().until(() -> listener.up() && fake().subscribers() == 1);
        fake().drop();
        eventually().until(() -> !listener.up());
        feed.close();
        assertThat(feedThreadAlive()).isFalse();
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(6)).until(() -> fake().connections() == 1);
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void noTokenOrSidEverReachesALogLine() {
        List<String> lines = new ArrayList<>();
        try (LogCapture feedLogs = new LogCapture(KotakMarketFeed.class);
                LogCapture adapterLogs = new LogCapture(KotakNeoAdapter.class)) {
            adapter.login();
            server.expireSessions(SessionExpiry.STCODE_100022);
            startAndAwaitSubscribed(); // refused once (1120), logged in again
            fake().sendMalformed(Malformed.NOT_JSON);
            fake().drop();
            eventually().until(() -> fake().connections() == 3 && fake().subscribers() == 1 && listener.up());
            adapter.limits();
            feed.close();
            lines.addAll(feedLogs.all());
            lines.addAll(adapterLogs.all());
        }
        Set<String> secrets = new LinkedHashSet<>(List.of(user.consumerKey(), user.mpin(), user.totpSecretBase32()));
        for (RecordedCall call : server.requests()) {
            for (String header : List.of("Auth", "Sid", "sid")) {
                String value = call.header(header);
                if (value != null && !value.isBlank()) {
                    secrets.add(value);
                }
            }
        }
        fake().authFrames().forEach(auth -> secrets.add(auth.path("auth").asText()));
        assertThat(secrets).hasSizeGreaterThan(6);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private FakeMarketFeed fake() {
        return server.marketFeed();
    }

    private void startAndAwaitSubscribed() {
        if (feed == null) {
            feed = adapter.marketFeed(listener, new MarketFeedOptions(NO_STALL, expectTicks::get), FAST);
        }
        feed.start();
        eventually().until(() -> listener.up() && fake().subscribers() == 1);
    }

    /** The sid of the adapter's session, as the fake saw it on a REST call. */
    private String currentSid() {
        adapter.limits();
        List<RecordedCall> calls = server.requestsTo("/quick/user/limits");
        return calls.get(calls.size() - 1).header("Sid");
    }

    private static boolean feedThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("kotak-sfeed-acct-FEED1"));
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
    }
}
