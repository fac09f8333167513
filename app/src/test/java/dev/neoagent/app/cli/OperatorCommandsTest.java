package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status}, {@code tail}, and what every operator command does when something is wrong: no
 * agent, no Redis, an unknown user, a bad command line. Against a real Redis and the fake broker;
 * an agent is started only where a test needs answers.
 */
class OperatorCommandsTest {
    private static final String UID = "ITC2766";
    private static final String[] SINGLE = {
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
        "1"
    };

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

    private String[] order(String uid, String... kind) {
        String[] args = new String[3 + kind.length];
        args[0] = "order";
        args[1] = "--uid";
        args[2] = uid;
        System.arraycopy(kind, 0, args, 3, kind.length);
        return args;
    }

    @Test
    void withoutAgentAnOrderTimesOutWithExitTwoAndIsWithdrawnSoItCanNeverFireLater() {
        String[] args = new String[SINGLE.length + 5];
        System.arraycopy(order(UID, SINGLE), 0, args, 0, SINGLE.length + 3);
        args[SINGLE.length + 3] = "--timeout";
        args[SINGLE.length + 4] = "1s";

        CliRunner.Result result = cli.run(args);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(
                        "the agent did not answer within 1 s (is `neo-agent run` running? "
                                + "no agent is running on this Redis: no NEO_AGENT:* lease)",
                        "withdrawn",
                        "nothing was sent");
        assertThat(h.redis.hexists(UID, "PLACE_SINGLE")).isFalse();
        assertThat(h.hget(UID, "STATUS_SINGLE")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_SINGLE")).startsWith("withdrawn by neo-agent order");

        // an agent starting now finds nothing to send; the next order is the only one placed
        h.startAgent();
        assertThat(cli.run(order(UID, SINGLE)).exitCode()).isZero();
        assertThat(h.kotak.orders("U" + UID)).hasSize(1);
    }

    @Test
    void statusShowsAgentsInstrumentsSpotsLoginHaltLevelsAndLastAnswers() {
        h.startAgent();
        h.hset(UID, "LOGIN", "requested", "LOGIN_STATUS", "PROCESSING");
        h.awaitField(UID, "LOGIN_STATUS", "SUCCESS");
        assertThat(cli.run(order(UID, SINGLE)).exitCode()).isZero();
        String orderNo = h.kotak.orders("U" + UID).get(0).orderNo();
        assertThat(cli.run(order(UID, "equity", "--symbol", "RELIANCE", "--side", "BUY", "--qty", "1"))
                        .exitCode())
                .isZero();
        assertThat(cli.run(order(
                                UID,
                                "level",
                                "--side",
                                "CE",
                                "--level",
                                "26100",
                                "--index",
                                "NIFTY",
                                "--leg",
                                "NIFTY 2026-01-27 26000 CE BUY 1"))
                        .exitCode())
                .isZero();
        assertThat(cli.run("halt", "--uid", UID).exitCode()).isZero();
        long spotAt = System.currentTimeMillis() - 3_000;
        h.redis.mset(Map.of("NF_SPOT", "25980.35", "NF_SPOT_TS", Long.toString(spotAt)));

        CliRunner.Result result = cli.run("status", "--uid", UID);

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out())
                .containsPattern("(?m)^agents {7}1 running: [0-9a-f]{8}$")
                .contains("NEO_HALT     not set")
                .contains("instruments  loaded 2026-01-20T08:00:00+05:30")
                .contains(": 4 options, ? equities")
                .contains("NIFTY        25980.35 at "
                        + AuditFormat.SECONDS.format(java.time.Instant.ofEpochMilli(spotAt)) + " IST (")
                .containsPattern("NIFTY {8}25980\\.35 at .* IST \\(\\d+ s old\\)")
                .contains("BANKNIFTY    no value (BN_SPOT not set)")
                .contains("user " + UID)
                .containsPattern("(?m)^  served by +agent [0-9a-f]{8}$")
                .contains("  login        READY: Authentication complete, ready for trading")
                .contains("  trading      HALTED (TRADING_HALTED=1)")
                .contains("  level CE     ARMED: fires when NIFTY crosses up to 26100, 1 leg (STATUS_LEVEL_CE WAITING)")
                .contains("  level PE     not armed")
                .contains("  last answers (newest first)")
                .containsPattern("PLACE_EQUITY +SUCCESS: Order Placed \\d+")
                .containsPattern("PLACE_SINGLE +SUCCESS  Order Placed: " + orderNo)
                .containsPattern("LOGIN +READY  Authentication complete");
        // newest first
        assertThat(result.out().indexOf("PLACE_EQUITY")).isLessThan(result.out().indexOf("PLACE_SINGLE"));
    }

    @Test
    void statusWithoutUidFindsUsersByFolderAuditAndHashButNotOtherHashes() throws IOException {
        Path folderOnly = Files.createDirectories(home.resolve("CFGONLY"));
        Files.writeString(folderOnly.resolve("CFGONLY.json"), "{}");
        h.hset("UIONLY", "OI_ENGINE_ENABLED", "OFF"); // the UI writes this on every page render
        h.hset("NIFTY_OI_SIGNAL", "signal", "BULLISH"); // someone else's hash
        h.redis.xadd(
                "NEO_AUDIT:" + UID,
                Map.of("event", "answer", "id", "C1", "type", "BALANCE", "BALANCE", "fetched", "written", "yes"));
        h.redis.set("NEO_HALT", "1");

        CliRunner.Result result = cli.run("status");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out())
                .contains("agents       none running (no NEO_AGENT:* lease)")
                .containsPattern("served by +no agent \\(no NEO_OWNER:" + UID + "\\): requests wait for one")
                .contains("NEO_HALT     1: ALL USERS HALTED")
                .contains("user CFGONLY  (no Redis hash yet)", "user " + UID, "user UIONLY")
                .containsPattern("BALANCE +fetched")
                .doesNotContain("user NIFTY_OI_SIGNAL", "user NEO_INSTR");
        assertThat(result.out().indexOf("user CFGONLY")).isLessThan(result.out().indexOf("user " + UID));
    }

    @Test
    void tailPrintsTheAuditStreamAndFollowsNewEntries() throws Exception {
        h.startAgent();
        assertThat(cli.run(order(UID, SINGLE)).exitCode()).isZero();

        CliRunner.Result all = cli.run("tail", "--uid", UID);
        assertThat(all.exitCode()).isZero();
        assertThat(all.out().lines().toList()).hasSize(3);
        assertThat(all.out().lines().toList().get(0))
                .containsPattern(
                        "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  claimed +C\\w+ +PLACE_SINGLE +\\[\\{\"Index\": \"NIFTY\"");
        assertThat(all.out().lines().toList().get(1))
                .containsPattern(
                        "broker_call +C\\w+ +place_order BUY 65 NIFTY26JAN26000CE MARKET NRML -> DONE order \\d+ tag C\\w+L0S0");
        assertThat(all.out().lines().toList().get(2))
                .containsPattern("answer +C\\w+ +PLACE_SINGLE +SUCCESS  Order Placed");

        CliRunner.Result last = cli.run("tail", "--uid", UID, "-n", "1");
        assertThat(last.out().lines().toList()).singleElement().asString().contains("answer");

        CliRunner.Background follow = cli.start("tail", "--uid", UID, "--follow", "--lines", "0");
        AgentHarness.await().until(() -> follow.output().contains("following NEO_AUDIT:" + UID + " (Ctrl-C to stop)"));
        assertThat(cli.run(order(UID, "equity", "--symbol", "IDEA", "--side", "SELL", "--qty", "5"))
                        .exitCode())
                .isZero();
        AgentHarness.await().until(() -> follow.output().contains("PLACE_EQUITY   SUCCESS: Order Placed"));
        assertThat(follow.output()).doesNotContain("PLACE_SINGLE").contains("claimed", "broker_call");
        follow.interrupt();
        CliRunner.Result stopped = follow.awaitResult(Duration.ofSeconds(5));
        assertThat(stopped.exitCode()).as(stopped.all()).isZero();
    }

    @Test
    void unreachableRedisIsOneLineWithTheUrlsPasswordMasked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "redis://:s3cret-pw@127.0.0.1:" + closedPort + "/0";
        for (String[] args : new String[][] {
            {"status", "--redis-url", url}, order(UID, SINGLE), {"halt", "--all"}, {"tail", "--uid", UID}
        }) {
            CliRunner.Result result =
                    new CliRunner(Map.of("NEO_REDIS_URL", url, "NEO_HOME", home.toString())).run(args);

            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(result.out()).isEmpty();
            assertThat(result.err())
                    .startsWith("cannot reach Redis at redis://:****@127.0.0.1:" + closedPort + "/0: ")
                    .doesNotContain("s3cret")
                    .hasLineCount(1);
        }
    }

    @Test
    void anUnknownUserIsRefusedAndNothingIsWritten() {
        h.redis.hset(UID, "NEO_LOGIN_STATUS", "READY"); // a known user, for the list the refusal shows
        for (String[] args : new String[][] {
            order("NOBODY", SINGLE),
            {"status", "--uid", "NOBODY"},
            {"halt", "--uid", "NOBODY"},
            {"resume", "--uid", "NOBODY"},
            {"tail", "--uid", "NOBODY"}
        }) {
            CliRunner.Result result = cli.run(args);

            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(result.err())
                    .as(String.join(" ", args))
                    .startsWith("no such user: NOBODY (")
                    .contains("; known users: " + UID);
        }
        assertThat(h.redis.exists("NOBODY")).isZero();
        h.redis.set("NF_SPOT_TS", "1768881600000");
        assertThat(cli.run(order("NF_SPOT_TS", SINGLE)).err())
                .contains("no such user: NF_SPOT_TS (Redis key NF_SPOT_TS is a string, not a user hash)");
        assertThat(cli.run(order("../etc", SINGLE)).err()).startsWith("no such user: ../etc (a user id must not be");
    }

    @Test
    void aUserKnownOnlyByItsConfigFolderIsAccepted() {
        // the harness created <home>/ITC2766/ but nothing is in Redis for it yet
        assertThat(h.redis.exists(UID)).isZero();
        CliRunner.Result result = cli.run("halt", "--uid", UID);
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "TRADING_HALTED")).isEqualTo("1");
    }

    @Test
    void usageErrorsExitOne() {
        assertThat(cli.run("order", "--uid", UID, "single", "--index", "NIFTY").exitCode())
                .isEqualTo(1);
        assertThat(cli.run("order", "--uid", UID).exitCode()).isEqualTo(1);
        assertThat(cli.run(
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
                                "1",
                                "--qty",
                                "65")
                        .err())
                .contains("mutually exclusive");
        assertThat(cli.run("halt").exitCode()).isEqualTo(1);
        assertThat(cli.run("halt", "--uid", UID, "--all").exitCode()).isEqualTo(1);
        CliRunner.Result noUid = cli.run(
                "order",
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
        assertThat(noUid.exitCode()).isEqualTo(1);
        assertThat(noUid.err()).contains("missing required option: --uid=UID");
        CliRunner.Result badLeg = cli.run(order(UID, "multi", "--leg", "NIFTY 2026-01-27 26000 CE BUY"));
        assertThat(badLeg.exitCode()).isEqualTo(1);
        assertThat(badLeg.err()).contains("--leg 'NIFTY 2026-01-27 26000 CE BUY': expected INDEX EXPIRY STRIKE");
        CliRunner.Result badSide = cli.run(order(
                UID,
                "single",
                "--index",
                "NIFTY",
                "--expiry",
                "2026-01-27",
                "--strike",
                "26000",
                "--type",
                "XX",
                "--side",
                "BUY",
                "--lots",
                "1"));
        assertThat(badSide.err()).contains("option type must be CE or PE, got 'XX'");
        assertThat(cli.run(order(
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
                                "1",
                                "--timeout",
                                "soon"))
                        .exitCode())
                .isEqualTo(1);
        assertThat(h.redis.hexists(UID, "PLACE_SINGLE")).isFalse();
        assertThat(h.redis.hexists(UID, "PLACE_MULTI")).isFalse();
    }
}
