package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.contract.OiIndex;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OI crossover engine (redis-contract.md §2.9) in {@code status} and {@code tail}: one line per index with
 * something to show (switch, lots, engine status, position, last signal, last outcome), nothing for an engine that is
 * off and never traded, "unreadable" for what cannot be read; and the OI requests' audit entries in {@code tail} like
 * any other request's. Against a real Redis; the agent runs only where a test needs a real trade.
 */
class OiEngineCommandsTest {
    private static final String UID = "ITC2766";
    private static final String POSITION = "{\"direction\": \"BULLISH\", \"legs\": [{\"tsym\": \"NIFTY26JAN25900PE\", "
            + "\"token\": \"58810\", \"side\": \"SELL\", \"qty\": 130, \"order_no\": \"260120000000011\", "
            + "\"expiry\": \"2026-01-27\", \"strike\": \"25900\", \"opt\": \"PE\"}], "
            + "\"order_nos\": [\"260120000000011\"], \"signal_ts\": \"1768881600.181555\", "
            + "\"opened_at\": \"2026-01-20T04:00:01Z\"}";

    @TempDir
    Path home;

    private AgentHarness h;
    private CliRunner cli;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        cli = new CliRunner(Map.of("NEO_REDIS_URL", h.redisServer.url(), "NEO_HOME", home.toString()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** The signal engine's ts format, {@code secondsAgo} before the wall clock {@code status} reads. */
    private static String tsSecondsAgo(long secondsAgo) {
        return (System.currentTimeMillis() / 1000 - secondsAgo) + ".181555";
    }

    /** The lines of one user's block in the output of {@code status}. */
    private static List<String> userBlock(String out, String uid) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf("user " + uid);
        assertThat(start).as("user %s in:%n%s", uid, out).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start, end);
    }

    @Test
    void statusShowsEachIndexWithSomethingToShowOnOneLineAndUnreadableValuesAsUnreadable() {
        // NIFTY: on, 2 lots, a position, a signal 10 min old, a success
        h.hset(
                UID,
                "OI_ENGINE_ENABLED",
                "ON",
                "OI_NIFTY_LOTS",
                "2",
                "OI_ENGINE_STATUS",
                "RUNNING",
                "OI_ENGINE_LAST_SIGNAL",
                "{\"signal\": \"BULLISH\", \"pe_ce\": \"2600.0\", \"ts\": \"" + tsSecondsAgo(605)
                        + "\", \"status\": \"NEW\"}",
                "STATUS_OI_CROSSOVER",
                "SUCCESS",
                "MSG_OI_CROSSOVER",
                "Order placed: 260120000000011");
        h.redis.hset(OiIndex.positionKey(UID), "NIFTY", POSITION);
        // BANKNIFTY: switched off, but a position nobody can read and a signal that is not JSON are left behind
        h.hset(
                UID,
                "BN_OI_ENGINE_ENABLED",
                "OFF",
                "BN_OI_ENGINE_STATUS",
                "IDLE",
                "BN_OI_ENGINE_LAST_SIGNAL",
                "{\"signal\": \"BEAR",
                "STATUS_BN_OI_CROSSOVER",
                "FAILED",
                "MSG_BN_OI_CROSSOVER",
                "BN_SPOT not available");
        h.redis.hset(OiIndex.positionKey(UID), "BANKNIFTY", "{\"direction\": \"BEARISH\", \"legs\": ");
        // a user the UI only rendered: both switches OFF, nothing else
        h.hset("OFFUSER", "OI_ENGINE_ENABLED", "OFF", "BN_OI_ENGINE_ENABLED", "OFF", "LOGIN_STATUS", "SUCCESS");
        // a user who just switched NIFTY on, with lots the engine refuses; and a position key of the wrong type
        h.hset("NEWUSER", "OI_ENGINE_ENABLED", "ON", "OI_NIFTY_LOTS", "two");
        h.hset("ODDUSER", "BN_OI_ENGINE_ENABLED", "ON", "BN_OI_ENGINE_LAST_SIGNAL", "{}");
        h.redis.set(OiIndex.positionKey("ODDUSER"), "BULLISH");

        CliRunner.Result result = cli.run("status");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(userBlock(result.out(), UID))
                .contains(
                        "  OI NIFTY     ON, 2 lots, engine RUNNING; position BULLISH: SELL 130 NIFTY26JAN25900PE "
                                + "#260120000000011; signal BULLISH 10 min old (NEW); "
                                + "last SUCCESS: Order placed: 260120000000011",
                        "  OI BANKNIFTY OFF, 1 lot, engine IDLE; position unreadable (NEO_OI_POSITION:ITC2766 "
                                + "BANKNIFTY: the agent sees no position); signal unreadable; "
                                + "last FAILED: BN_SPOT not available");
        // after the levels, before the last answers
        List<String> block = userBlock(result.out(), UID);
        assertThat(block.indexOf("  level PE     not armed")).isLessThan(indexStarting(block, "  OI NIFTY"));
        assertThat(indexStarting(block, "  OI NIFTY")).isLessThan(indexStarting(block, "  OI BANKNIFTY"));
        assertThat(indexStarting(block, "  OI BANKNIFTY")).isLessThan(indexStarting(block, "  last answers"));

        assertThat(userBlock(result.out(), "OFFUSER")).noneMatch(line -> line.contains("OI "));
        assertThat(userBlock(result.out(), "NEWUSER"))
                .contains("  OI NIFTY     ON, lots unreadable (OI_NIFTY_LOTS 'two': not traded), "
                        + "engine status not set; flat; no signal yet; no answer yet")
                .noneMatch(line -> line.startsWith("  OI BANKNIFTY"));
        assertThat(userBlock(result.out(), "ODDUSER"))
                .contains(
                        "  OI NIFTY     OFF, 1 lot, engine status not set; position unreadable "
                                + "(NEO_OI_POSITION:ODDUSER is not a hash); no signal yet; no answer yet",
                        "  OI BANKNIFTY ON, 1 lot, engine status not set; position unreadable "
                                + "(NEO_OI_POSITION:ODDUSER is not a hash); no signal (the last order had none); "
                                + "no answer yet");
    }

    @Test
    void aSignalsAgeAndTsAreReadTheWayTheEngineWritesThem() {
        h.hset(
                UID,
                "BN_OI_ENGINE_ENABLED",
                "ON",
                "BN_OI_ENGINE_LAST_SIGNAL",
                "{\"signal\": \"BEARISH\", \"pe_ce\": \"-150.5\", \"ts\": \"" + tsSecondsAgo(3 * 3600 + 60)
                        + "\", \"status\": \"NOTIFIED\"}",
                "OI_ENGINE_ENABLED",
                "on", // the engine takes exactly ON
                "OI_ENGINE_LAST_SIGNAL",
                "{\"signal\": \"BULLISH\", \"ts\": \"yesterday\"}");

        CliRunner.Result result = cli.run("status", "--uid", UID);

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out())
                .contains("  OI NIFTY     OFF ('on'), 1 lot, engine status not set; flat; "
                        + "signal BULLISH ts unreadable ('yesterday'); no answer yet")
                .contains("  OI BANKNIFTY ON, 1 lot, engine status not set; flat; signal BEARISH 3 h old (NOTIFIED); "
                        + "no answer yet");
    }

    @Test
    void anOiTradeOfTheAgentShowsInStatusAndItsAuditEntriesInTailLikeAnyRequest() {
        contract("NIFTY", "PE", "25900", "58810", "NIFTY26JAN25900PE", 65);
        long agentNow = AgentHarness.TODAY.toEpochMilli();
        h.redis.mset(Map.of("NF_SPOT", "25980.35", "NF_SPOT_TS", Long.toString(agentNow)));
        h.startAgent();
        h.hset(UID, "OI_NIFTY_LOTS", "2");
        h.hset(UID, "OI_ENGINE_ENABLED", "ON");
        h.hset(
                "NIFTY_OI_SIGNAL",
                "signal",
                "BULLISH",
                "pe_ce",
                "2600.0",
                "ts",
                (agentNow / 1000 - 2) + ".181555",
                "status",
                "NEW");
        assertThat(h.awaitAnswer(UID, "STATUS_OI_CROSSOVER")).isEqualTo("SUCCESS");
        String orderNo = h.kotak.orders("U" + UID).get(0).orderNo();
        // the same direction again: IGNORED
        h.redis.hdel(UID, "STATUS_OI_CROSSOVER", "MSG_OI_CROSSOVER");
        h.hset(
                "NIFTY_OI_SIGNAL",
                "signal",
                "BULLISH",
                "pe_ce",
                "2700.0",
                "ts",
                (agentNow / 1000 - 1) + ".5",
                "status",
                "NEW");
        assertThat(h.awaitAnswer(UID, "STATUS_OI_CROSSOVER")).isEqualTo("IGNORED");

        CliRunner.Result status = cli.run("status", "--uid", UID);

        assertThat(status.exitCode()).as(status.all()).isZero();
        // the agent's clock is fixed on 2026-01-20, status reads the wall clock: the age is whatever lies between
        assertThat(status.out())
                .containsPattern("(?m)^  OI NIFTY     ON, 2 lots, engine RUNNING; position BULLISH: SELL 130 "
                        + "NIFTY26JAN25900PE #" + orderNo + "; signal BULLISH (\\d+ (s|min|h|days) old|in the future: "
                        + "clocks differ) \\(NEW\\); last IGNORED: Same direction position already exists$")
                .doesNotContain("OI BANKNIFTY")
                .containsPattern("OI_CROSSOVER +IGNORED  Same direction position already exists")
                .containsPattern("OI_CROSSOVER +SUCCESS  Order placed: " + orderNo);

        CliRunner.Result tail = cli.run("tail", "--uid", UID);

        assertThat(tail.exitCode()).as(tail.all()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0))
                .containsPattern("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  claimed +C\\w+ +OI_CROSSOVER +"
                        + "\\{\"source\": \"signal\", \"signal\": \\{\"signal\": \"BULLISH\", \"pe_ce\": \"2600.0\"");
        assertThat(lines.get(1))
                .containsPattern("broker_call +C\\w+ +place_order SELL 130 NIFTY26JAN25900PE MARKET NRML -> DONE order "
                        + orderNo + " tag C\\w+L0S0");
        assertThat(lines.get(2))
                .containsPattern("answer +C\\w+ +OI_CROSSOVER +SUCCESS  Order placed: " + orderNo + "$");
        assertThat(lines.get(3)).containsPattern("claimed +C\\w+ +OI_CROSSOVER +\\{\"source\": \"signal\"");
        assertThat(lines.get(4))
                .containsPattern("answer +C\\w+ +OI_CROSSOVER +IGNORED  Same direction position already exists$");
    }

    @Test
    void tailShowsTheBankNiftyRequestsAnswerFieldsAndASupersededAnswer() {
        // as the agent writes them (Answers.auditDetails): type, the answer fields, then whether it was written
        h.redis.xadd(
                "NEO_AUDIT:" + UID,
                Map.of(
                        "event",
                        "claimed",
                        "id",
                        "CBN1",
                        "type",
                        "BN_OI_CROSSOVER",
                        "payload",
                        "{\"Index\": " + "\"BANKNIFTY\"}"));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("event", "answer");
        answer.put("id", "CBN1");
        answer.put("type", "BN_OI_CROSSOVER");
        answer.put("STATUS_BN_OI_CROSSOVER", "FAILED");
        answer.put("MSG_BN_OI_CROSSOVER", "the market is closed (09:15-15:30 IST, Monday to Friday); not traded");
        answer.put("BN_OI_ENGINE_LAST_SIGNAL", "{}");
        answer.put("BN_OI_ENGINE_STATUS", "RUNNING");
        answer.put("PLACE_BN_OI_CROSSOVER", "fetched");
        answer.put("written", "no: superseded by a newer request");
        h.redis.xadd("NEO_AUDIT:" + UID, answer);

        CliRunner.Result tail = cli.run("tail", "--uid", UID);

        assertThat(tail.exitCode()).as(tail.all()).isZero();
        assertThat(tail.out().lines().toList())
                .hasSize(2)
                .last()
                .asString()
                .containsPattern("answer +CBN1 +BN_OI_CROSSOVER FAILED  the market is closed \\(09:15-15:30 IST, "
                        + "Monday to Friday\\); not traded  \\[answer not shown: superseded by a newer request\\]$");
    }

    private static int indexStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + lines);
    }

    /** A contract the OI rules pick at the test spot, in the master and at the fake broker. */
    private void contract(String name, String opt, String strike, String token, String tsym, int lot) {
        h.redis.hset("NEO_INSTR_OPT", name + "_2026-01-27_" + opt + "_" + strike, token);
        h.redis.hset(
                "NEO_INSTR_META",
                "nse_fo|" + token,
                "{\"tsym\": \"" + tsym + "\", \"seg\": \"nse_fo\", \"name\": \"" + name + "\", \"expiry\": "
                        + "\"2026-01-27\", \"strike\": \"" + strike + "\", \"opt\": \"" + opt + "\", \"lot\": " + lot
                        + ", \"tick\": \"0.05\", \"freeze\": 1800}");
        h.kotak.addInstrument("nse_fo", token, tsym, lot, new BigDecimal("101.50"));
    }
}
