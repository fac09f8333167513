package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
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
 * {@code neo-agent order}, end to end: the CLI writes into a real Redis exactly what the existing UI
 * writes (compared command for command through MONITOR and with the UI's captured JSON layout), an
 * in-process agent serves it against the fake Kotak server, and the CLI prints the answer and exits
 * with the code its outcome calls for.
 */
class OrderCommandTest {
    private static final String UID = "ITC2766";
    private static final String PLACE = "/quick/order/rule/ms/place";
    private static final long NOW = AgentHarness.TODAY.toEpochMilli();

    @TempDir
    Path home;

    private AgentHarness h;
    private AgentRuntime agent;
    private CliRunner cli;
    private RedisMonitor monitor;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        agent = h.startAgent();
        cli = new CliRunner(Map.of("NEO_REDIS_URL", h.redisServer.url(), "NEO_HOME", home.toString()));
        monitor = new RedisMonitor(h.redisServer.url());
    }

    @AfterEach
    void stop() {
        monitor.close();
        h.close();
    }

    private List<RecordedCall> places() {
        return h.kotak.requestsTo(PLACE);
    }

    private List<FakeOrder> orders() {
        return h.kotak.orders("U" + UID);
    }

    /** The payload of the agent's audit entry for the claim: what the agent actually received. */
    private String claimedPayload() {
        List<StreamMessage<String, String>> entries =
                h.redis.xrange("NEO_AUDIT:" + UID, Range.create("-", "+"), Limit.from(100));
        return entries.stream()
                .filter(e -> "claimed".equals(e.getBody().get("event")))
                .reduce((a, b) -> b)
                .orElseThrow()
                .getBody()
                .get("payload");
    }

    /** The UI's exact commands (ui-contract.md §3.4) as MONITOR shows them, once all have arrived. */
    private void assertUiWrites(List<String> expected) {
        AgentHarness.await().until(() -> monitor.hashWrites(UID).size() >= expected.size());
        assertThat(monitor.hashWrites(UID)).containsExactlyElementsOf(expected);
    }

    @Test
    void singleLegInLotsIsWrittenExactlyAsTheUiWritesItAndTheAnswerIsPrinted() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "single",
                "--index",
                "NIFTY",
                "--expiry",
                "2026-01-27",
                "--strike",
                "26000",
                "--type",
                "CE",
                "--side",
                "BUY",
                "--lots",
                "2");

        String uiLayout = "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 130, \"Side\": \"BUY\", "
                + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\", "
                + "\"exchangeInstrumentID\": 58801}]";
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "SINGLE_LEG")).isEqualTo(uiLayout);
        assertThat(claimedPayload()).isEqualTo(uiLayout);
        assertUiWrites(List.of(
                "hdel " + UID + " SINGLE_LEG",
                "hdel " + UID + " STATUS_SINGLE",
                "hdel " + UID + " MSG_SINGLE",
                "hset " + UID + " PLACE_SINGLE requested SINGLE_LEG " + uiLayout + " STATUS_SINGLE PROCESSING"));

        // 2 lots of NIFTY (lot 65 in NEO_INSTR_META) went to the broker as 130 units
        assertThat(places()).extracting(call -> call.jData().get("qt").asText()).containsExactly("130");
        String orderNo = orders().get(0).orderNo();
        assertThat(result.out())
                .contains("status   SUCCESS")
                .contains("message  Order Placed: " + orderNo)
                .contains("order    leg 0  BUY 130 NIFTY26JAN26000CE  DONE  order " + orderNo);
    }

    @Test
    void singleLimitOrderInUnitsWithTheOptionsAfterTheKind() {
        CliRunner.Result result = cli.run(
                "order",
                "single",
                "--uid",
                UID,
                "--index",
                "banknifty",
                "--expiry",
                "2026-01-27",
                "--strike",
                "60000",
                "--type",
                "pe",
                "--side",
                "sell",
                "--qty",
                "30",
                "--limit",
                "320.50",
                "--product",
                "MIS",
                "--timeout",
                "10s");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "SINGLE_LEG"))
                .isEqualTo("[{\"Index\": \"BANKNIFTY\", \"OrderType\": \"MIS\", "
                        + "\"Qty\": 30, \"Side\": \"SELL\", \"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\", "
                        + "\"ExecutionType\": \"LIMIT\", \"LimitPrice\": 320.5, \"exchangeInstrumentID\": 61234}]");
        var sent = places().get(0).jData();
        assertThat(sent.get("pt").asText()).isEqualTo("L");
        assertThat(sent.get("pr").asText()).isEqualTo("320.5");
        assertThat(sent.get("pc").asText()).isEqualTo("MIS");
        assertThat(sent.get("tt").asText()).isEqualTo("S");
    }

    @Test
    void multiLegConvertsEachLegsLotsWithItsOwnLotSize() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "multi",
                "--leg",
                "NIFTY 2026-01-27 26000 CE BUY 2",
                "--leg",
                "BANKNIFTY 2026-01-27 60000 PE SELL 3");

        String uiLayout = "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 130, \"Side\": \"BUY\", "
                + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"exchangeInstrumentID\": 58801}, "
                + "{\"Index\": \"BANKNIFTY\", \"OrderType\": \"NRML\", \"Qty\": 90, \"Side\": \"SELL\", "
                + "\"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\", \"exchangeInstrumentID\": 61234}]";
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "MULTI_LEGS")).isEqualTo(uiLayout);
        assertThat(claimedPayload()).isEqualTo(uiLayout);
        assertUiWrites(List.of(
                "hdel " + UID + " MULTI_LEGS",
                "hdel " + UID + " STATUS_MULTI",
                "hdel " + UID + " MSG_MULTI",
                "hset " + UID + " PLACE_MULTI requested MULTI_LEGS " + uiLayout + " STATUS_MULTI PROCESSING"));
        assertThat(places())
                .extracting(call -> call.jData().get("tt").asText() + " "
                        + call.jData().get("qt").asText())
                .containsExactly("B 130", "S 90");
        assertThat(result.out())
                .contains(
                        "status   SUCCESS",
                        "message  All legs placed successfully",
                        "leg 0  BUY 130 NIFTY26JAN26000CE  DONE",
                        "leg 1  SELL 90 BANKNIFTY26JAN60000PE  DONE");
    }

    @Test
    void equityOrderIsTheUisJsonAndItsStatusLineIsPrinted() {
        CliRunner.Result result =
                cli.run("order", "--uid", UID, "equity", "--symbol", "reliance", "--side", "BUY", "--qty", "1");

        String uiLayout = "{\"state\": \"requested\", \"symbol\": \"RELIANCE\", \"exchangeInstrumentID\": 2885, "
                + "\"side\": \"BUY\", \"qty\": 1, \"product\": \"CNC\", \"order_type\": \"MARKET\"}";
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "EQUITY_ORDER")).isEqualTo(uiLayout);
        assertUiWrites(List.of(
                "hdel " + UID + " EQUITY_ORDER",
                "hdel " + UID + " STATUS_EQUITY",
                "hset " + UID + " PLACE_EQUITY requested EQUITY_ORDER " + uiLayout + " STATUS_EQUITY PROCESSING"));
        assertThat(result.out())
                .contains("status   SUCCESS: Order Placed " + orders().get(0).orderNo());
        assertThat(places().get(0).jData().get("ts").asText()).isEqualTo("RELIANCE-EQ");
    }

    @Test
    void equityLimitOrderCarriesThePriceAsAPythonFloat() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "equity",
                "--symbol",
                "RELIANCE",
                "--side",
                "SELL",
                "--qty",
                "3",
                "--product",
                "MIS",
                "--limit",
                "2900");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "EQUITY_ORDER"))
                .isEqualTo("{\"state\": \"requested\", \"symbol\": \"RELIANCE\", "
                        + "\"exchangeInstrumentID\": 2885, \"side\": \"SELL\", \"qty\": 3, \"product\": \"MIS\", "
                        + "\"order_type\": \"LIMIT\", \"price\": 2900.0}");
        assertThat(places().get(0).jData().get("pt").asText()).isEqualTo("L");
        assertThat(places().get(0).jData().get("pr").asText()).isEqualTo("2900");
    }

    @Test
    void anOrderTheAgentDeniesExitsOneWithTheAgentsMessage() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "single",
                "--index",
                "NIFTY",
                "--expiry",
                "2026-01-27",
                "--strike",
                "26000",
                "--type",
                "CE",
                "--side",
                "BUY",
                "--qty",
                "100");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(h.hget(UID, "SINGLE_LEG")).contains("\"Qty\": 100,");
        assertThat(result.out())
                .contains("status   FAILED", "Qty 100 is not a multiple of lot size 65", "orders   none sent");
        assertThat(places()).isEmpty();
    }

    @Test
    void aBrokerRejectionExitsOne() {
        h.kotak.failNext(PLACE, Fault.apiReject(1004, "RMS:Rule: margin exceeds"));

        CliRunner.Result result =
                cli.run("order", "--uid", UID, "equity", "--symbol", "IDEA", "--side", "BUY", "--qty", "10");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("status   FAILED: ", "RMS:Rule: margin exceeds");
    }

    @Test
    void anUnknownOutcomeExitsTwo() {
        h.kotak.failNext(PLACE, Fault.http500Bare()); // the gateway's bare 500: the order may or may not exist

        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "single",
                "--index",
                "NIFTY",
                "--expiry",
                "2026-01-27",
                "--strike",
                "26000",
                "--type",
                "CE",
                "--side",
                "BUY",
                "--lots",
                "1");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.out()).contains("status   UNKNOWN", "check the order book before sending it again");
    }

    @Test
    void lotsOfAContractMissingFromTheMasterAreRefusedBeforeAnythingIsWritten() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "multi",
                "--leg",
                "NIFTY 2026-01-27 26000 CE BUY 1",
                "--leg",
                "NIFTY 2026-01-27 26200 CE SELL 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("cannot convert 1 lot to units: NIFTY 2026-01-27 26200 CE is not in the "
                        + "instrument master (NEO_INSTR_OPT field NIFTY_2026-01-27_CE_26200): the only loaded NIFTY 2026-01-27 "
                        + "CE strike is 26000; nothing was written");
        assertThat(h.redis.hexists(UID, "PLACE_MULTI")).isFalse();
    }

    @Test
    void aStrikeOffTheGridNamesTheStepAndTheNearestStrikes() {
        h.redis.hset(
                "NEO_INSTR_OPT",
                Map.of(
                        "NIFTY_2026-01-27_CE_25950",
                        "58799",
                        "NIFTY_2026-01-27_CE_26050",
                        "58803",
                        "NIFTY_2026-01-27_CE_26100",
                        "58805",
                        "NIFTY_2026-01-27_PE_26025",
                        "58900"));

        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "single",
                "--index",
                "NIFTY",
                "--expiry",
                "2026-01-27",
                "--strike",
                "26025",
                "--type",
                "CE",
                "--side",
                "BUY",
                "--lots",
                "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err())
                .contains("NIFTY 2026-01-27 26025 CE is not in the instrument master (NEO_INSTR_OPT field "
                        + "NIFTY_2026-01-27_CE_26025): NIFTY 2026-01-27 CE strikes run from 25950 to 26100 in steps of 50 "
                        + "(nearest: 26000, 26050); nothing was written");
        assertThat(h.redis.hexists(UID, "PLACE_SINGLE")).isFalse();
    }

    @Test
    void anExpiryNotLoadedListsTheLoadedOnes() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "single",
                "--index",
                "NIFTY",
                "--expiry",
                "2026-01-20",
                "--strike",
                "26000",
                "--type",
                "CE",
                "--side",
                "BUY",
                "--lots",
                "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(": 2026-01-20 is not a loaded NIFTY expiry (loaded: 2026-01-13, 2026-01-27, "
                        + "2026-09-22); nothing was written");
        assertThat(h.redis.hexists(UID, "PLACE_SINGLE")).isFalse();
    }

    @Test
    void haltedUsersOrdersAreDeniedUntilResumed() {
        CliRunner.Result halt = cli.run("halt", "--uid", UID);
        assertThat(halt.exitCode()).isZero();
        assertThat(halt.out()).contains("halted " + UID + ": TRADING_HALTED=1");
        assertThat(h.hget(UID, "TRADING_HALTED")).isEqualTo("1");

        String[] order = {"order", "--uid", UID, "equity", "--symbol", "RELIANCE", "--side", "BUY", "--qty", "1"};
        CliRunner.Result denied = cli.run(order);
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.out())
                .contains("FAILED: trading is halted for this user (TRADING_HALTED=1); no order was sent");

        CliRunner.Result resume = cli.run("resume", "--uid", UID);
        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).contains("resumed " + UID + ": TRADING_HALTED cleared");
        assertThat(h.redis.hexists(UID, "TRADING_HALTED")).isFalse();
        assertThat(cli.run(order).exitCode()).isZero();

        assertThat(cli.run("halt", "--all").out()).contains("halted ALL users: NEO_HALT=1");
        assertThat(h.redis.get("NEO_HALT")).isEqualTo("1");
        CliRunner.Result allDenied = cli.run(order);
        assertThat(allDenied.exitCode()).isEqualTo(1);
        assertThat(allDenied.out()).contains("trading is halted for all users (NEO_HALT=1)");
        // resuming the user alone does not lift the global switch, and says so
        assertThat(cli.run("resume", "--uid", UID).out()).contains("NEO_HALT=1 still halts every user");
        assertThat(cli.run("resume", "--all").out()).contains("resumed: NEO_HALT cleared");
        assertThat(h.redis.exists("NEO_HALT")).isZero();
        assertThat(cli.run(order).exitCode()).isZero();
        assertThat(orders()).hasSize(2);
    }

    private void spot(String key, String value) {
        h.redis.mset(Map.of(key, value, key + "_TS", Long.toString(NOW)));
    }

    @Test
    void levelIsArmedWithTheUisSevenCommandsAndReportedArmed() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "level",
                "--side",
                "CE",
                "--level",
                "26100",
                "--index",
                "NIFTY",
                "--leg",
                "NIFTY 2026-01-27 26000 CE BUY 1");

        String legs = "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"exchangeInstrumentID\": 58801}]";
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("armed    LEVEL_CE for " + UID + ": fires when NIFTY crosses up to 26100");
        assertUiWrites(List.of(
                "hdel " + UID + " LEVEL_CE",
                "hdel " + UID + " STATUS_LEVEL_CE",
                "hdel " + UID + " MSG_LEVEL_CE",
                "hset " + UID + " LEVEL_CE_TRIGGER waiting",
                "hset " + UID + " LEVEL_CE_LEVEL 26100",
                "hset " + UID + " LEVEL_CE_INDEX NIFTY",
                "hset " + UID + " LEVEL_CE " + legs + " STATUS_LEVEL_CE WAITING"));
        AgentHarness.await().until(() -> agent.isWatchingLevel(UID, LevelSide.CE));
        assertThat(h.hget(UID, "STATUS_LEVEL_CE")).isEqualTo("WAITING");
        assertThat(places()).isEmpty();
    }

    @Test
    void levelWithWaitExitsZeroOnceTheCrossingFiredTheLegs() throws Exception {
        spot("NF_SPOT", "26050");
        CliRunner.Background level = cli.start(
                "order",
                "--uid",
                UID,
                "level",
                "--side",
                "CE",
                "--level",
                "26100",
                "--index",
                "NIFTY",
                "--leg",
                "NIFTY 2026-01-27 26000 CE BUY 1",
                "--wait");

        AgentHarness.await()
                .until(() -> agent.isWatchingLevel(UID, LevelSide.CE)
                        && agent.levelPreviousSpot(UID, LevelSide.CE)
                                .map(s -> s.compareTo(new BigDecimal("26050")) == 0)
                                .orElse(false));
        assertThat(level.isDone()).isFalse();
        spot("NF_SPOT", "26120.35");

        CliRunner.Result result = level.awaitResult(Duration.ofSeconds(10));
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out())
                .contains(
                        "armed    LEVEL_CE",
                        "status   SUCCESS",
                        "message  All legs placed successfully",
                        "leg 0  BUY 65 NIFTY26JAN26000CE  DONE");
        assertThat(places()).hasSize(1);
    }

    @Test
    void aLevelTheAgentRefusesAtArmingExitsOne() {
        CliRunner.Result result = cli.run(
                "order",
                "--uid",
                UID,
                "level",
                "--side",
                "PE",
                "--level",
                "59000",
                "--index",
                "BANKNIFTY",
                "--leg",
                "BANKNIFTY 2026-01-27 60000 PE BUY qty=45");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("the agent refused the arming (STATUS_LEVEL_PE=FAILED right after it)");
        assertThat(result.out()).contains("status   FAILED", "Qty 45 is not a multiple of lot size 30");
        assertThat(h.hget(UID, "STATUS_LEVEL_PE")).isEqualTo("FAILED");
    }
}
