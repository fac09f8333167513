package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.spot.FeedSettings;
import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.testing.FakeMarketFeed;
import dev.neoagent.testing.FakeMarketFeed.Index;
import dev.neoagent.testing.FakeMarketFeed.Malformed;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index spot from Kotak's market-data feed (the fake SFeed), the REST poller while the feed is down or silent,
 * and level orders fired by feed ticks: redis-contract.md §1, §2.3.
 */
class LiveSpotTest {
    private static final String UID = "ITC2766";
    private static final String CE_LEGS =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"exchangeInstrumentID\": 58801}]";

    @TempDir
    Path home;

    private AgentHarness h;
    private AgentRuntime agent;
    private FakeMarketFeed feed;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        h.settings(new AgentSettings(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofMillis(100),
                new SpotSettings(
                        true,
                        Optional.empty(),
                        Duration.ofMillis(200), // the REST poller, while the feed is not live
                        Duration.ofMinutes(1),
                        MarketHours.NSE, // the agent's clock says 09:30 on a Tuesday: market open
                        Duration.ofSeconds(5)),
                new FeedSettings(true, Duration.ofMillis(1500)),
                dev.neoagent.agent.state.OrderSettings.DEFAULTS));
        feed = h.kotak.marketFeed();
        agent = h.startAgent();
        login(); // the feed runs on the spot user's session
        AgentHarness.await().until(() -> feed.subscribers() == 1);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void login() {
        h.hset(UID, "LOGIN", "requested", "LOGIN_STATUS", "PROCESSING");
        h.awaitField(UID, "LOGIN_STATUS", "SUCCESS");
    }

    private void awaitSpot(String key, String value, String source) {
        AgentHarness.await()
                .until(() -> value.equals(h.redis.get(key)) && source.equals(h.redis.get("NEO_SPOT_SOURCE")));
    }

    @Test
    void aTickIsWrittenWithItsTimeAndTheSourceInOneGo() {
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25990.15"));
        feed.sendIndex(Index.NIFTY_BANK, new BigDecimal("59210.4"));

        awaitSpot("NF_SPOT", "25990.15", "feed");
        awaitSpot("BN_SPOT", "59210.4", "feed");
        assertThat(Long.parseLong(h.redis.get("NF_SPOT_TS"))).isPositive();
        assertThat(feed.authFrames()).hasSize(1);
        assertThat(feed.subscribeFrames().toString())
                .contains("nse_cm|Nifty 50")
                .contains("nse_cm|Nifty Bank");
        assertThat(h.metrics.scrape()).contains("neo_feed_ticks_total{feed=\"market\"}");
        assertThat(h.metrics.scrape()).contains("neo_spot_source{source=\"feed\"} 1.0");
    }

    @Test
    void aFeedTickCrossingALevelFiresItExactlyOnce() {
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25950"));
        awaitSpot("NF_SPOT", "25950", "feed");
        arm("26000");
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25990"));
        AgentHarness.await()
                .until(() -> agent.levelPreviousSpot(UID, LevelSide.CE)
                        .map(spot -> spot.compareTo(new BigDecimal("25990")) == 0)
                        .orElse(false));
        assertThat(h.placeCalls()).isZero();

        feed.sendIndex(Index.NIFTY_50, new BigDecimal("26004.5"));
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("26010"));
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25980"));
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("26020"));

        h.awaitField(UID, "STATUS_LEVEL_CE", "SUCCESS");
        awaitSpot("NF_SPOT", "26020", "feed");
        AgentHarness.await()
                .during(Duration.ofMillis(700))
                .atMost(Duration.ofSeconds(3))
                .until(() -> h.placeCalls() == 1);
    }

    @Test
    void aDroppedFeedFallsBackToRestAndWinsAgainWhenItIsBack() {
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25990.15"), secondsAgo(10));
        awaitSpot("NF_SPOT", "25990.15", "feed");

        h.kotak.setIndexQuote("nse_cm", "Nifty 50", new BigDecimal("25870.5"));
        feed.dropAbruptly();

        awaitSpot("NF_SPOT", "25870.5", "rest"); // within a poll interval or two
        AgentHarness.await().until(() -> feed.connections() == 2 && feed.subscribers() == 1);
        assertThat(feed.authFrames()).as("re-authenticated").hasSize(2);
        assertThat(feed.subscribeFrames().size()).as("re-subscribed").isGreaterThanOrEqualTo(2);

        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25991"));
        awaitSpot("NF_SPOT", "25991", "feed");
        assertThat(h.metrics.scrape()).contains("neo_feed_reconnects_total{feed=\"market\"} 1.0");
    }

    @Test
    void aSilentFeedIsReconnectedByTheWatchdogWhileRestKeepsTheSpot() {
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25990.15"), secondsAgo(10));
        awaitSpot("NF_SPOT", "25990.15", "feed");
        h.kotak.setIndexQuote("nse_cm", "Nifty 50", new BigDecimal("25800"));

        feed.stall(); // connected, and silent

        awaitSpot("NF_SPOT", "25800", "rest");
        AgentHarness.await().until(() -> feed.connections() >= 2 && feed.subscribers() == 1);
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25810"));
        awaitSpot("NF_SPOT", "25810", "feed");
    }

    @Test
    void malformedInputIsCountedAndSkippedAndTheFeedStaysUp() {
        for (Malformed kind : Malformed.values()) {
            feed.sendMalformed(kind);
        }
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25990.15"));

        awaitSpot("NF_SPOT", "25990.15", "feed");
        assertThat(feed.connections()).as("the same connection").isEqualTo(1);
        AgentHarness.await()
                .until(() -> h.metrics
                                .scrape()
                                .lines()
                                .filter(line -> line.startsWith("neo_feed_malformed_total{feed=\"market\""))
                                .count()
                        >= 3);
        // the agent still serves requests
        h.hset(UID, "BALANCE", "requested");
        h.awaitField(UID, "BALANCE", "fetched");
    }

    /**
     * A tick time some seconds back: the REST quote the fake gives next is then newer than the feed's last tick, as
     * it would be a moment after the feed went quiet (the poller never writes a quote older than the feed's).
     */
    private static long secondsAgo(int seconds) {
        return java.time.Instant.now().getEpochSecond() - seconds;
    }

    @Test
    void aRestQuoteOlderThanTheFeedsLastTickIsNotWritten() {
        feed.sendIndex(Index.NIFTY_50, new BigDecimal("25990.15"), secondsAgo(-2)); // a tick dated just ahead
        awaitSpot("NF_SPOT", "25990.15", "feed");
        h.kotak.setIndexQuote("nse_cm", "Nifty 50", new BigDecimal("25000")); // quoted now: older than the tick

        feed.dropAbruptly();

        AgentHarness.await().until(() -> feed.connections() == 2 && feed.subscribers() == 1);
        assertThat(h.redis.get("NF_SPOT"))
                .as("Kotak's REST quotes can lag; never go back")
                .isEqualTo("25990.15");
    }

    private void arm(String level) {
        h.hset(UID, "LEVEL_CE_TRIGGER", "waiting");
        h.hset(UID, "LEVEL_CE_LEVEL", level);
        h.hset(UID, "LEVEL_CE_INDEX", "NIFTY");
        h.hset(UID, "LEVEL_CE", CE_LEGS, "STATUS_LEVEL_CE", "WAITING");
        AgentHarness.await().until(() -> agent.isWatchingLevel(UID, LevelSide.CE));
    }
}
