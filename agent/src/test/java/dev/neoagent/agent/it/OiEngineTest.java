package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.contract.OiIndex;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OI crossover engine (redis-contract.md §2.9) against the fake Kotak server, with the UI's exact writes
 * (ui-contract.md §2.2, §6): strike, expiry and quantity rules, one position per index, exit first on an opposite
 * signal, once per signal with two agents and across a restart, and every refusal with no order.
 */
class OiEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UID = "ITC2766";
    private static final String UCC = "U" + UID;
    private static final String PLACE = "/quick/order/rule/ms/place";
    /** The agent's clock, in the signal engine's format: epoch seconds with a fraction. */
    private static final long NOW_SECONDS = AgentHarness.TODAY.getEpochSecond();

    @TempDir
    Path home;

    private AgentHarness h;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        // the contracts the rules pick at the test spots (NIFTY 26000 CE and BANKNIFTY 60000 PE are loaded already)
        contract("NIFTY", "PE", "25900", "58810", "NIFTY26JAN25900PE", 65, "1800");
        contract("NIFTY", "PE", "26000", "58811", "NIFTY26JAN26000PE", 65, "1801");
        contract("BANKNIFTY", "PE", "59100", "61240", "BANKNIFTY26JAN59100PE", 30, "601");
        contract("BANKNIFTY", "CE", "59200", "61241", "BANKNIFTY26JAN59200CE", 30, "601");
        spot("NF_SPOT", "25980.35");
        spot("BN_SPOT", "59120.1");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    // ---- helpers

    private void contract(String name, String opt, String strike, String token, String tsym, int lot, String freeze) {
        h.redis.hset("NEO_INSTR_OPT", name + "_2026-01-27_" + opt + "_" + strike, token);
        h.redis.hset(
                "NEO_INSTR_META",
                "nse_fo|" + token,
                "{\"tsym\": \"" + tsym + "\", \"seg\": \"nse_fo\", \"name\": \"" + name + "\", \"expiry\": "
                        + "\"2026-01-27\", \"strike\": \"" + strike + "\", \"opt\": \"" + opt + "\", \"lot\": " + lot
                        + ", \"tick\": \"0.05\", \"freeze\": " + freeze + "}");
        h.kotak.addInstrument("nse_fo", token, tsym, lot, new BigDecimal("101.50"));
    }

    private void spot(String key, String value) {
        h.redis.mset(Map.of(key, value, key + "_TS", Long.toString(AgentHarness.TODAY.toEpochMilli())));
    }

    /** The UI's OI tab: the switch (and the lots box when given). */
    private void engineOn(OiIndex index) {
        h.hset(UID, index.enabledField(), "ON");
    }

    /** The signal engine's one HSET (ui-contract.md §6.1). */
    private String signal(OiIndex index, String direction, long secondsAgo) {
        String ts = (NOW_SECONDS - secondsAgo) + ".181555";
        h.hset(index.signalKey(), "signal", direction, "pe_ce", "2600.0", "ts", ts, "status", "NEW");
        return ts;
    }

    private String awaitStatus(OiIndex index) {
        String field = index.request().statusField().orElseThrow();
        AgentHarness.await().until(() -> {
            String status = h.hget(UID, field);
            return status != null && !status.equals("PROCESSING");
        });
        return h.hget(UID, field);
    }

    private String message(OiIndex index) {
        return h.hget(UID, index.request().messageField().orElseThrow());
    }

    private List<RecordedCall> places() {
        return h.kotak.requestsTo(PLACE);
    }

    private JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clears the last answer, as the UI's next render would find it anew. */
    private void clearAnswer(OiIndex index) {
        h.redis.hdel(
                UID,
                index.request().statusField().orElseThrow(),
                index.request().messageField().orElseThrow());
    }

    // ---- trades

    @Test
    void aBullishNiftySignalSellsThePutBelowTheSpotForTheUsersLotsAtTheCurrentLotSize() {
        h.startAgent();
        h.hset(UID, "OI_NIFTY_LOTS", "2");
        engineOn(OiIndex.NIFTY);
        String ts = signal(OiIndex.NIFTY, "BULLISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");

        JsonNode sent = places().get(0).jData();
        assertThat(sent.get("ts").asText()).isEqualTo("NIFTY26JAN25900PE"); // floor(25980.35 / 100) × 100
        assertThat(sent.get("tt").asText()).isEqualTo("S");
        assertThat(sent.get("qt").asText())
                .as("2 lots × 65 (the predecessor sent × 60)")
                .isEqualTo("130");
        assertThat(sent.get("pc").asText()).isEqualTo("NRML");
        String orderNo = h.kotak.orders(UCC).get(0).orderNo();
        assertThat(message(OiIndex.NIFTY)).isEqualTo("Order placed: " + orderNo);
        assertThat(h.redis.hget("NIFTY_OI_SIGNAL", "status")).isEqualTo("CONSUMED");
        assertThat(h.hget(UID, "OI_ENGINE_STATUS")).isEqualTo("RUNNING");
        // the UI json.loads both: exactly the signal engine's hash, and the order engine's payload
        assertThat(h.hget(UID, "OI_ENGINE_LAST_SIGNAL"))
                .isEqualTo("{\"signal\": \"BULLISH\", \"pe_ce\": \"2600.0\", \"ts\": \"" + ts
                        + "\", \"status\": \"NEW\"}");
        assertThat(h.hget(UID, "OI_ENGINE_LAST_ORDER"))
                .isEqualTo("{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 130, \"Side\": \"SELL\", "
                        + "\"Expiry\": \"2026-01-27\", \"Strike\": 25900, \"OptionType\": \"PE\", \"strategy\": "
                        + "\"OI_CROSSOVER\", \"spot\": 25980.35, \"pe_ce\": 2600.0, \"direction\": \"BULLISH\"}");
        JsonNode position = json(h.redis.hget("NEO_OI_POSITION:" + UID, "NIFTY"));
        assertThat(position.get("direction").asText()).isEqualTo("BULLISH");
        assertThat(position.get("legs").get(0).get("order_no").asText()).isEqualTo(orderNo);
        assertThat(position.get("legs").get(0).get("qty").asInt()).isEqualTo(130);
        assertThat(h.metrics.scrape()).contains("neo_oi_signals_total{index=\"NIFTY\",outcome=\"traded\"} 1.0");
    }

    @Test
    void aBearishSignalAtARoundSpotSellsThatStrikesCall() {
        spot("NF_SPOT", "26000");
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BEARISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");

        JsonNode sent = places().get(0).jData();
        assertThat(sent.get("ts").asText()).as("ceil(26000 / 100) × 100").isEqualTo("NIFTY26JAN26000CE");
        assertThat(sent.get("qt").asText())
                .as("1 lot when OI_NIFTY_LOTS is absent")
                .isEqualTo("65");
    }

    @Test
    void bankNiftyBothWays() {
        h.startAgent();
        engineOn(OiIndex.BANKNIFTY);
        signal(OiIndex.BANKNIFTY, "BULLISH", 1);
        assertThat(awaitStatus(OiIndex.BANKNIFTY)).isEqualTo("SUCCESS");
        assertThat(places().get(0).jData().get("ts").asText()).isEqualTo("BANKNIFTY26JAN59100PE");
        assertThat(places().get(0).jData().get("qt").asText()).isEqualTo("30");
        assertThat(h.hget(UID, "BN_OI_ENGINE_LAST_ORDER")).contains("\"Index\": \"BANKNIFTY\"");

        clearAnswer(OiIndex.BANKNIFTY);
        signal(OiIndex.BANKNIFTY, "BEARISH", 0);
        assertThat(awaitStatus(OiIndex.BANKNIFTY)).isEqualTo("SUCCESS");
        // exit first: the PE bought back, then the CE sold
        assertThat(places().subList(1, 3))
                .extracting(c ->
                        c.jData().get("tt").asText() + " " + c.jData().get("ts").asText())
                .containsExactly("B BANKNIFTY26JAN59100PE", "S BANKNIFTY26JAN59200CE");
        assertThat(json(h.redis.hget("NEO_OI_POSITION:" + UID, "BANKNIFTY"))
                        .get("direction")
                        .asText())
                .isEqualTo("BEARISH");
    }

    @Test
    void aSignalInThePositionsDirectionIsIgnored() {
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BULLISH", 2);
        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");
        clearAnswer(OiIndex.NIFTY);

        signal(OiIndex.NIFTY, "BULLISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("IGNORED");
        assertThat(message(OiIndex.NIFTY)).isEqualTo("Same direction position already exists");
        assertThat(h.redis.hget("NIFTY_OI_SIGNAL", "status")).isEqualTo("CONSUMED");
        assertThat(places()).hasSize(1);
    }

    @Test
    void anOppositeSignalEntersOnlyAfterTheExitIsFilled() {
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BULLISH", 2);
        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");
        clearAnswer(OiIndex.NIFTY);

        signal(OiIndex.NIFTY, "BEARISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");
        List<FakeOrder> orders = h.kotak.orders(UCC);
        assertThat(orders)
                .extracting(o -> o.side() + " " + o.tradingSymbol() + " " + o.status())
                .containsExactly(
                        "S NIFTY26JAN25900PE complete", "B NIFTY26JAN25900PE complete", "S NIFTY26JAN26000CE complete");
        assertThat(places().get(2).at()).isAfter(places().get(1).at());
        assertThat(json(h.redis.hget("NEO_OI_POSITION:" + UID, "NIFTY"))
                        .get("direction")
                        .asText())
                .isEqualTo("BEARISH");
    }

    @Test
    void aRejectedExitNeverLeadsToAnEntry() {
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BULLISH", 2);
        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");
        clearAnswer(OiIndex.NIFTY);
        h.kotak.rejectNextOrderAfterAck("RMS:Margin Exceeds");

        signal(OiIndex.NIFTY, "BEARISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("FAILED");
        assertThat(places()).as("the exit only").hasSize(2);
        assertThat(message(OiIndex.NIFTY))
                .startsWith("exit of the BULLISH position first: ")
                .endsWith("; no entry");
        assertThat(json(h.redis.hget("NEO_OI_POSITION:" + UID, "NIFTY"))
                        .get("direction")
                        .asText())
                .as("the position is still there")
                .isEqualTo("BULLISH");
    }

    // ---- once

    @Test
    void twoAgentsTradeASignalOnce() {
        h.startAgent();
        h.startAgent();
        engineOn(OiIndex.NIFTY);

        signal(OiIndex.NIFTY, "BULLISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");
        AgentHarness.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> places().size() == 1);
    }

    @Test
    void aSignalClaimedByAnAgentThatDiedIsSettledNotTradedAgain() {
        engineOn(OiIndex.NIFTY);
        String ts = signal(OiIndex.NIFTY, "BULLISH", 1);
        // an agent claimed the signal as the user's owner and died before sending anything
        h.redis.set("NEO_OWNER:" + UID, "agent-that-died");
        h.redis.set("NEO_AGENT:agent-that-died", "1");
        new RequestStore(h.redis, null)
                .claimOiSignal(
                        UID,
                        OiIndex.NIFTY,
                        ts,
                        "{\"source\": \"signal\", \"signal\": {}}",
                        CommandId.next(AgentHarness.TODAY),
                        AgentHarness.TODAY,
                        "agent-that-died")
                .orElseThrow();
        h.redis.del("NEO_AGENT:agent-that-died");

        h.startAgent();

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("FAILED");
        assertThat(message(OiIndex.NIFTY)).startsWith("not placed: the agent stopped before any order");
        AgentHarness.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> places().isEmpty());
    }

    // ---- no order

    @Test
    void withTheEngineOffNothingHappens() {
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        AgentHarness.await().until(() -> "RUNNING".equals(h.hget(UID, "OI_ENGINE_STATUS")));
        h.hset(UID, "OI_ENGINE_ENABLED", "OFF");
        AgentHarness.await().until(() -> "IDLE".equals(h.hget(UID, "OI_ENGINE_STATUS")));

        signal(OiIndex.NIFTY, "BULLISH", 1);

        AgentHarness.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> places().isEmpty() && h.hget(UID, "STATUS_OI_CROSSOVER") == null);
        assertThat(h.redis.hget("NIFTY_OI_SIGNAL", "status")).isEqualTo("NEW");
        assertThat(h.hget(UID, "BN_OI_ENGINE_STATUS"))
                .as("never switched on: nothing written")
                .isNull();
    }

    @Test
    void aStaleSignalIsNotTraded() {
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BULLISH", 300);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("FAILED");
        assertThat(message(OiIndex.NIFTY)).isEqualTo("the NIFTY signal is 300 s old (limit 120 s); not traded");
        assertThat(h.redis.hget("NIFTY_OI_SIGNAL", "status")).isEqualTo("FAILED_STALE");
        assertThat(places()).isEmpty();
        assertThat(json(h.hget(UID, "OI_ENGINE_LAST_SIGNAL")).get("signal").asText())
                .isEqualTo("BULLISH");
    }

    @Test
    void withoutASpotNothingIsTraded() {
        h.redis.del("NF_SPOT", "NF_SPOT_TS");
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BULLISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("FAILED");
        assertThat(message(OiIndex.NIFTY)).isEqualTo("NF_SPOT not available");
        assertThat(h.redis.hget("NIFTY_OI_SIGNAL", "status")).isEqualTo("FAILED_NO_SPOT");
        assertThat(h.hget(UID, "OI_ENGINE_STATUS")).isEqualTo("ERROR");
        assertThat(places()).isEmpty();
    }

    @Test
    void aHaltedUserTradesNothing() {
        h.hset(UID, "TRADING_HALTED", "1");
        h.startAgent();
        engineOn(OiIndex.NIFTY);
        signal(OiIndex.NIFTY, "BULLISH", 1);

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("FAILED");
        assertThat(message(OiIndex.NIFTY)).contains("trading is halted for this user");
        assertThat(places()).isEmpty();
        assertThat(h.redis.hget("NIFTY_OI_SIGNAL", "status"))
                .as("others may trade it")
                .isEqualTo("NEW");
    }

    // ---- the external order engine

    @Test
    void theExternalOrderEnginesRequestIsServedWithTheSameRules() {
        h.startAgent();
        h.hset(UID, "OI_NIFTY_LOTS", "2");
        // ui-contract.md §6.2: one HSET, with its stale lot size 60 and hard-coded expiry
        h.hset(
                UID,
                "PLACE_OI_CROSSOVER",
                "requested",
                "OI_CROSSOVER_ORDER",
                "{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 120, \"Side\": \"SELL\", \"Expiry\": "
                        + "\"2026-01-27\", \"Strike\": 25900, \"OptionType\": \"PE\", \"strategy\": \"OI_CROSSOVER\", "
                        + "\"spot\": 25980.35, \"pe_ce\": 2600.0, \"direction\": \"BULLISH\"}",
                "STATUS_OI_CROSSOVER",
                "PROCESSING");

        assertThat(awaitStatus(OiIndex.NIFTY)).isEqualTo("SUCCESS");
        JsonNode sent = places().get(0).jData();
        assertThat(sent.get("ts").asText()).isEqualTo("NIFTY26JAN25900PE");
        assertThat(sent.get("qt").asText()).isEqualTo("130");
        assertThat(h.hget(UID, "PLACE_OI_CROSSOVER")).isEqualTo("fetched");
        assertThat(message(OiIndex.NIFTY)).startsWith("Order placed: ");
    }
}
