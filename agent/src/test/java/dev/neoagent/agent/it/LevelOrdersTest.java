package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.testing.FakeKotakServer.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level (breakout / breakdown) orders, armed and cancelled exactly as the existing UI does it
 * (ui-contract.md §3.7), fired by spot values another process writes into NF_SPOT / BN_SPOT.
 */
class LevelOrdersTest {
    private static final String UID = "ITC2766";
    private static final String CE_LEGS =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"exchangeInstrumentID\": 58801}]";
    private static final String PE_LEGS = "[{\"Index\": \"BANKNIFTY\", \"OrderType\": \"NRML\", \"Qty\": 30, "
            + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\", "
            + "\"exchangeInstrumentID\": 61234}]";
    private static final long NOW = AgentHarness.TODAY.toEpochMilli();

    @TempDir
    Path home;

    private AgentHarness h;
    private AgentRuntime agent;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        agent = h.startAgent();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void spot(String key, String value) {
        h.redis.mset(Map.of(key, value, key + "_TS", Long.toString(NOW)));
    }

    /** The UI's arming: three single HSETs, then legs and status in one. */
    private void arm(String side, String level, String index, String legs) {
        h.redis.hdel(UID, "LEVEL_" + side);
        h.redis.hdel(UID, "STATUS_LEVEL_" + side);
        h.redis.hdel(UID, "MSG_LEVEL_" + side);
        h.hset(UID, "LEVEL_" + side + "_TRIGGER", "waiting");
        h.hset(UID, "LEVEL_" + side + "_LEVEL", level);
        h.hset(UID, "LEVEL_" + side + "_INDEX", index);
        h.hset(UID, "LEVEL_" + side, legs, "STATUS_LEVEL_" + side, "WAITING");
        AgentHarness.await().until(() -> agent.isWatchingLevel(UID, LevelSide.valueOf(side)));
    }

    /** The UI's cancel button: five separate commands. */
    private void cancel(String side) {
        h.hset(UID, "STATUS_LEVEL_" + side, "CANCELLED");
        h.hset(UID, "LEVEL_" + side + "_TRIGGER", "cancelled");
        h.redis.hdel(UID, "LEVEL_" + side);
        h.redis.hdel(UID, "LEVEL_" + side + "_LEVEL");
        h.redis.hdel(UID, "LEVEL_" + side + "_INDEX");
    }

    /** Waits until the engine has taken {@code value} as the spot to compare the next one with. */
    private static void awaitSeen(AgentRuntime runtime, String value) {
        AgentHarness.await()
                .until(() -> runtime.levelPreviousSpot(UID, LevelSide.CE)
                        .map(spot -> spot.compareTo(new java.math.BigDecimal(value)) == 0)
                        .orElse(false));
    }

    /** Nothing is sent for a while: a bounded observation window, not a sleep before an assertion. */
    private void assertNoOrderFor(Duration window) {
        int before = h.placeCalls();
        AgentHarness.await().during(window).atMost(window.plusSeconds(2)).until(() -> h.placeCalls() == before);
    }

    private void awaitFired(String side) {
        h.awaitField(UID, "STATUS_LEVEL_" + side, "SUCCESS");
        assertThat(h.hget(UID, "MSG_LEVEL_" + side)).startsWith("All legs placed successfully");
        assertThat(h.redis.hmget(
                        UID, "LEVEL_" + side + "_TRIGGER", "LEVEL_" + side + "_LEVEL", "LEVEL_" + side + "_INDEX"))
                .allSatisfy(kv -> assertThat(kv.hasValue()).isFalse());
        assertThat(h.hget(UID, "RESULT_LEVEL_" + side)).contains("\"outcome\": \"DONE\"");
    }

    @Test
    void ceFiresOnceWhenTheIndexCrossesUp() {
        spot("NF_SPOT", "26050.5");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26090");
        awaitSeen(agent, "26090"); // below the level: no crossing yet
        assertThat(h.placeCalls()).isZero();
        spot("NF_SPOT", "26120.35");

        awaitFired("CE");
        assertThat(h.placeCalls()).isEqualTo(1);
        assertThat(h.kotak
                        .requestsTo("/quick/order/rule/ms/place")
                        .get(0)
                        .jData()
                        .get("ts")
                        .asText())
                .isEqualTo("NIFTY26JAN26000CE");
        spot("NF_SPOT", "26000");
        spot("NF_SPOT", "26200");
        assertNoOrderFor(Duration.ofMillis(600));
    }

    @Test
    void peFiresWhenBankNiftyCrossesDown() {
        spot("BN_SPOT", "59200");
        arm("PE", "59000", "BANKNIFTY", PE_LEGS);
        spot("BN_SPOT", "58990.1");

        awaitFired("PE");
        assertThat(h.kotak.orders("U" + UID))
                .extracting(o -> o.tradingSymbol())
                .containsExactly("BANKNIFTY26JAN60000PE");
    }

    @Test
    void aCrossingToASpotValueSeenBeforeStillFires() {
        // the engine read 26150 for the first arming, never read the dip to 26050 (nothing was armed
        // then), and must still see 26050 -> 26150 as a crossing for the second arming
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26150");
        awaitFired("CE");
        h.redis.hdel(UID, "STATUS_LEVEL_CE", "MSG_LEVEL_CE", "RESULT_LEVEL_CE");

        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        awaitSeen(agent, "26050");
        spot("NF_SPOT", "26150");
        awaitFired("CE");
        assertThat(h.placeCalls()).isEqualTo(2);
    }

    @Test
    void touchingTheLevelExactlyIsACrossing() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26100.00");
        awaitFired("CE");
    }

    @Test
    void aGapAcrossTheLevelBetweenTwoSpotsFires() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26400");
        awaitFired("CE");
    }

    @Test
    void armingWhenAlreadyBeyondTheLevelWaitsForARealCrossing() {
        spot("NF_SPOT", "26200");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26250");
        awaitSeen(agent, "26250");
        assertNoOrderFor(Duration.ofMillis(300));
        spot("NF_SPOT", "26000");
        awaitSeen(agent, "26000");
        spot("NF_SPOT", "26150");
        awaitFired("CE");
    }

    @Test
    void aStaleSpotNeverFires() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        h.redis.mset(Map.of("NF_SPOT", "26150", "NF_SPOT_TS", Long.toString(NOW - 10_000)));
        assertNoOrderFor(Duration.ofMillis(600));
        assertThat(h.hget(UID, "STATUS_LEVEL_CE")).isEqualTo("WAITING");
        // the stale value did not become the baseline either: a fresh spot above the level is a crossing
        spot("NF_SPOT", "26160");
        awaitFired("CE");
    }

    @Test
    void aCancelBeforeTheCrossingWins() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        cancel("CE");
        AgentHarness.await().until(() -> !agent.isWatchingLevel(UID, LevelSide.CE));
        spot("NF_SPOT", "26150");
        assertNoOrderFor(Duration.ofMillis(500));
        assertThat(h.hget(UID, "STATUS_LEVEL_CE")).isEqualTo("CANCELLED");
    }

    @Test
    void aCancelWhileTheOrderIsBeingSentIsToldTheOrderStands() {
        h.kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofMillis(1500)));
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26150");
        AgentHarness.await().until(() -> h.placeCalls() == 1);

        cancel("CE");

        h.awaitField(UID, "STATUS_LEVEL_CE", "SUCCESS");
        assertThat(h.hget(UID, "MSG_LEVEL_CE")).contains("A cancel arrived after the order was sent");
        assertThat(h.kotak.orders("U" + UID)).hasSize(1);
    }

    @Test
    void aCancelAfterTheAnswerGetsTheRealOutcomeBack() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26150");
        awaitFired("CE");

        cancel("CE");

        AgentHarness.await()
                .until(() -> "SUCCESS".equals(h.hget(UID, "STATUS_LEVEL_CE"))
                        && h.hget(UID, "MSG_LEVEL_CE")
                                .startsWith("A cancel arrived after the order was sent, so it was not cancelled."));
        assertThat(h.hget(UID, "LEVEL_CE_TRIGGER")).isNull();
    }

    @Test
    void placeLevelRequestedFiresTheArmedLegsNow() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);

        h.hset(UID, "PLACE_LEVEL_CE", "requested");

        awaitFired("CE");
        h.awaitField(UID, "PLACE_LEVEL_CE", "fetched");
    }

    @Test
    void placeLevelWithNothingArmedSaysSo() {
        h.hset(UID, "PLACE_LEVEL_PE", "requested");
        h.awaitField(UID, "PLACE_LEVEL_PE", "failed");
        assertThat(h.hget(UID, "PLACE_LEVEL_PE_MESSAGE")).contains("no LEVEL_PE order is armed");
        assertThat(h.placeCalls()).isZero();
    }

    @Test
    void aReArmAfterFiringStartsFromAFreshBaseline() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        spot("NF_SPOT", "26150");
        awaitFired("CE");

        arm("CE", "26100", "NIFTY", CE_LEGS); // same level again, spot already above it
        spot("NF_SPOT", "26180");
        assertNoOrderFor(Duration.ofMillis(500));
        assertThat(h.placeCalls()).isEqualTo(1);
    }

    @Test
    void badArmingsAreRefusedWhenArmedNotWhenTheMarketMoves() {
        h.hset(
                UID,
                "LEVEL_CE_TRIGGER",
                "waiting",
                "LEVEL_CE_LEVEL",
                "abc",
                "LEVEL_CE_INDEX",
                "NIFTY",
                "LEVEL_CE",
                CE_LEGS,
                "STATUS_LEVEL_CE",
                "WAITING");
        h.awaitField(UID, "STATUS_LEVEL_CE", "FAILED");
        assertThat(h.hget(UID, "MSG_LEVEL_CE")).isEqualTo("LEVEL_CE_LEVEL must be a number, got 'abc'");
        assertThat(h.hget(UID, "LEVEL_CE_TRIGGER")).isNull();

        h.hset(
                UID,
                "LEVEL_PE_TRIGGER",
                "waiting",
                "LEVEL_PE_LEVEL",
                "59000",
                "LEVEL_PE_INDEX",
                "BANKNIFTY",
                "LEVEL_PE",
                PE_LEGS.replace("60000", "60050"),
                "STATUS_LEVEL_PE",
                "WAITING");
        h.awaitField(UID, "STATUS_LEVEL_PE", "FAILED");
        assertThat(h.hget(UID, "MSG_LEVEL_PE")).contains("Strike 60050 PE is not in the instrument master");
        assertThat(h.placeCalls()).isZero();
    }

    @Test
    void twoAgentsFireACrossingOnce() {
        AgentRuntime second = h.startAgent();
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        AgentHarness.await().until(() -> agent.isWatchingLevel(UID, LevelSide.CE));
        // only the user's owner watches (and fires) the level
        assertThat(second.isWatchingLevel(UID, LevelSide.CE)).isFalse();

        spot("NF_SPOT", "26150");

        awaitFired("CE");
        assertNoOrderFor(Duration.ofMillis(400));
        assertThat(h.kotak.orders("U" + UID)).hasSize(1);
    }

    @Test
    void theAgentsOwnSpotPollerDrivesLevelsFromKotakQuotes() {
        agent.close();
        h.settings(new dev.neoagent.agent.worker.AgentSettings(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofMillis(100),
                new dev.neoagent.agent.spot.SpotSettings(
                        true,
                        java.util.Optional.empty(),
                        Duration.ofMillis(100),
                        Duration.ofMinutes(1),
                        dev.neoagent.agent.spot.MarketHours.NSE,
                        Duration.ofSeconds(5))));
        h.kotak.setIndexQuote("nse_cm", "Nifty 50", new java.math.BigDecimal("26050.25"));
        agent = h.startAgent();
        AgentHarness.await().until(() -> "26050.25".equals(h.redis.get("NF_SPOT")));
        assertThat(h.redis.get("BN_SPOT")).isEqualTo("59120.1");
        assertThat(h.redis.get("NF_SPOT_TS")).matches("\\d{13}");

        arm("CE", "26100", "NIFTY", CE_LEGS);
        h.kotak.setIndexQuote("nse_cm", "Nifty 50", new java.math.BigDecimal("26101.00"));

        awaitFired("CE");
        assertThat(h.redis.get("NF_SPOT")).isEqualTo("26101");
    }

    @Test
    void anArmedLevelSurvivesARestartAndTheRestartIsNotACrossing() {
        spot("NF_SPOT", "26050");
        arm("CE", "26100", "NIFTY", CE_LEGS);
        agent.close();

        spot("NF_SPOT", "26150"); // crossed while no agent was running
        AgentRuntime restarted = h.startAgent();
        AgentHarness.await().until(() -> restarted.isWatchingLevel(UID, LevelSide.CE));
        assertNoOrderFor(Duration.ofMillis(500)); // a remembered price never fires

        spot("NF_SPOT", "26080");
        awaitSeen(restarted, "26080");
        spot("NF_SPOT", "26110");
        awaitFired("CE");
        assertThat(h.placeCalls()).isEqualTo(1);
    }
}
