package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neo-agent modify}, {@code cancel} and {@code exit-all}, end to end like {@code order}: the CLI writes the
 * request into a real Redis with the UI's commands (compared through MONITOR), an in-process agent serves it against
 * the fake Kotak server, and the CLI prints the answer, one line per order, and exits 0 (SUCCESS), 1 (FAILED) or 2
 * (UNKNOWN, or no answer in time).
 */
class ModifyCancelExitCommandTest {
    private static final String UID = "ITC2766";
    private static final String PLACE = "/quick/order/rule/ms/place";
    private static final String MODIFY = "/quick/order/vr/modify";
    private static final String CANCEL = "/quick/order/cancel";
    private static final String CE = "NIFTY26JAN26000CE";
    private static final Pattern COMMAND_ID = Pattern.compile("(?m)^id +(C\\w+) ");

    @TempDir
    Path home;

    private AgentHarness h;
    private CliRunner cli;
    private RedisMonitor monitor;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        cli = new CliRunner(Map.of("NEO_REDIS_URL", h.redisServer.url(), "NEO_HOME", home.toString()));
        monitor = new RedisMonitor(h.redisServer.url());
    }

    @AfterEach
    void stop() {
        monitor.close();
        h.close();
    }

    private List<FakeOrder> orders() {
        return h.kotak.orders("U" + UID);
    }

    private FakeOrder order(String orderNo) {
        return orders().stream()
                .filter(o -> o.orderNo().equals(orderNo))
                .findFirst()
                .orElseThrow();
    }

    /**
     * One lot of NIFTY26JAN26000CE bought through the CLI: at the market (fills at the fake's 95.00), or with a limit
     * below it, which rests OPEN. Returns the order number and the command id of the request that placed it.
     */
    private Placed buyAtMarket() {
        return buy(null);
    }

    private Placed restingBuy(String limit) {
        return buy(limit);
    }

    private Placed buy(String limit) {
        List<String> args = new ArrayList<>(List.of(
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
                "1"));
        if (limit != null) {
            args.addAll(List.of("--limit", limit));
        }
        CliRunner.Result placed = cli.run(args.toArray(String[]::new));
        assertThat(placed.exitCode()).as(placed.all()).isZero();
        Matcher id = COMMAND_ID.matcher(placed.out());
        assertThat(id.find()).as(placed.out()).isTrue();
        String orderNo = orders().get(orders().size() - 1).orderNo();
        assertThat(order(orderNo).status()).isEqualTo(limit != null ? "open" : "complete");
        return new Placed(orderNo, id.group(1));
    }

    private record Placed(String orderNo, String requestId) {}

    /** The UI's commands, as MONITOR shows them, are the last hash writes to the user's key. */
    private void assertLastWrites(List<String> expected) {
        AgentHarness.await().untilAsserted(() -> {
            List<String> writes = monitor.hashWrites(UID);
            assertThat(writes.subList(Math.max(0, writes.size() - expected.size()), writes.size()))
                    .containsExactlyElementsOf(expected);
        });
    }

    private static List<String> calls(List<RecordedCall> calls, String... fields) {
        return calls.stream()
                .map(call -> {
                    StringBuilder text = new StringBuilder();
                    for (String field : fields) {
                        text.append(text.isEmpty() ? "" : " ")
                                .append(field)
                                .append('=')
                                .append(call.jData().path(field).asText());
                    }
                    return text.toString();
                })
                .toList();
    }

    // ---- modify ----

    @Test
    void modifyWritesTheContractsPayloadWithTheUisCommandsAndPrintsTheAnswer() {
        h.startAgent();
        String orderNo = restingBuy("80").orderNo();

        CliRunner.Result result = cli.run("modify", "--uid", UID, "--order", orderNo, "--price", "85", "--qty", "130");

        String payload = "{\"order_no\": \"" + orderNo + "\", \"price\": 85.0, \"qty\": 130}";
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(h.hget(UID, "MODIFY_ORDER_REQ")).isEqualTo(payload);
        assertLastWrites(List.of(
                "hdel " + UID + " MODIFY_ORDER_REQ",
                "hdel " + UID + " STATUS_MODIFY",
                "hdel " + UID + " MSG_MODIFY",
                "hset " + UID + " MODIFY_ORDER requested MODIFY_ORDER_REQ " + payload + " STATUS_MODIFY PROCESSING"));
        assertThat(calls(h.kotak.requestsTo(MODIFY), "no", "qt", "pr"))
                .containsExactly("no=" + orderNo + " qt=130 pr=85");
        assertThat(result.out().lines().toList())
                .containsExactly(
                        "wrote    HSET " + UID + " MODIFY_ORDER requested MODIFY_ORDER_REQ '" + payload
                                + "' STATUS_MODIFY PROCESSING",
                        "status   SUCCESS",
                        "message  Order " + orderNo + " modified: limit, qty 130, price 85",
                        "order    modify  BUY 65 " + CE + "  DONE  order " + orderNo + "  Order " + orderNo
                                + " modified: limit, qty 130, price 85",
                        "id       " + h.hget(UID, "RESULT_MODIFY").replaceAll(".*\"id\": \"(C\\w+)\".*", "$1")
                                + " (outcome DONE)");
        assertThat(order(orderNo).qty()).isEqualTo(130);
    }

    @Test
    void modifyingAFinishedOrderIsRefusedByTheAgentAndExitsOne() {
        h.startAgent();
        String orderNo = buyAtMarket().orderNo(); // filled at once

        CliRunner.Result result = cli.run(
                "modify",
                "--uid",
                UID,
                "--order",
                orderNo,
                "--price",
                "121.5",
                "--qty",
                "130",
                "--trigger",
                "120",
                "--type",
                "sl");

        // every key, in the contract's order: prices as Python floats, the quantity as an int
        assertThat(h.hget(UID, "MODIFY_ORDER_REQ"))
                .isEqualTo("{\"order_no\": \"" + orderNo + "\", \"price\": 121.5, \"qty\": 130, \"trigger_price\": "
                        + "120.0, \"order_type\": \"SL\"}");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out())
                .contains(
                        "status   FAILED\n",
                        "message  order " + orderNo + " is already COMPLETE; there is nothing to modify\n",
                        "orders   none sent\n");
        assertThat(h.kotak.requestsTo(MODIFY)).isEmpty();
    }

    @Test
    void aModifyWhoseAnswerIsLostIsUnknownAndExitsTwo() {
        h.startAgent();
        String orderNo = restingBuy("80").orderNo();
        h.kotak.failNext(MODIFY, Fault.http500Bare()); // not executed: the order state never shows the change

        CliRunner.Result result = cli.run("modify", "--uid", UID, "--order", orderNo, "--price", "86");

        assertThat(h.hget(UID, "MODIFY_ORDER_REQ")).isEqualTo("{\"order_no\": \"" + orderNo + "\", \"price\": 86.0}");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.out())
                .contains(
                        "status   UNKNOWN\n",
                        "message  outcome UNKNOWN for the modify of order " + orderNo,
                        "order    modify  BUY 65 " + CE + "  UNKNOWN  order " + orderNo + "  outcome UNKNOWN");
        assertThat(h.kotak.requestsTo(MODIFY)).hasSize(1); // never sent again
    }

    // ---- cancel ----

    @Test
    void cancelOneOrderByNumber() {
        h.startAgent();
        String orderNo = restingBuy("80").orderNo();

        CliRunner.Result result = cli.run("cancel", "--uid", UID, "--order", orderNo);

        String payload = "{\"order_no\": \"" + orderNo + "\"}";
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertLastWrites(List.of(
                "hdel " + UID + " CANCEL_ORDER_REQ",
                "hdel " + UID + " STATUS_CANCEL",
                "hdel " + UID + " MSG_CANCEL",
                "hset " + UID + " CANCEL_ORDER requested CANCEL_ORDER_REQ " + payload + " STATUS_CANCEL PROCESSING"));
        assertThat(result.out())
                .startsWith("wrote    HSET " + UID + " CANCEL_ORDER requested CANCEL_ORDER_REQ '" + payload
                        + "' STATUS_CANCEL PROCESSING\nstatus   SUCCESS\n")
                // "cancelled", or "cancel accepted by the broker; not yet shown cancelled" on a slow order feed
                .contains("\norder    cancel  BUY 65 " + CE + "  DONE  order " + orderNo + "  Order " + orderNo
                        + " cancel");
        assertThat(order(orderNo).status()).isEqualTo("cancelled");
    }

    @Test
    void cancelTheOpenOrdersOfOneRequestThenAllTheRest() {
        h.startAgent();
        Placed first = restingBuy("80");
        Placed second = restingBuy("79");
        Placed third = restingBuy("78");

        CliRunner.Result byRequest = cli.run("cancel", "--uid", UID, "--request", first.requestId());

        assertThat(h.hget(UID, "CANCEL_ORDER_REQ")).isEqualTo("{\"request\": \"" + first.requestId() + "\"}");
        assertThat(byRequest.exitCode()).as(byRequest.all()).isZero();
        assertThat(byRequest.out()).contains("order    cancel  BUY 65 " + CE + "  DONE  order " + first.orderNo());
        assertThat(order(first.orderNo()).status()).isEqualTo("cancelled");
        assertThat(order(second.orderNo()).status()).isEqualTo("open");

        CliRunner.Result all = cli.run("cancel", "--uid", UID, "--all");

        assertThat(h.hget(UID, "CANCEL_ORDER_REQ")).isEqualTo("{\"all\": true}");
        assertThat(all.exitCode()).as(all.all()).isZero();
        assertThat(all.out())
                .containsPattern("message  Cancelled 2 orders: \\d+, \\d+\n")
                .contains(
                        "order    cancel  BUY 65 " + CE + "  DONE  order " + second.orderNo(),
                        "order    cancel  BUY 65 " + CE + "  DONE  order " + third.orderNo())
                .doesNotContain("order " + first.orderNo());
        assertThat(order(third.orderNo()).status()).isEqualTo("cancelled");
    }

    @Test
    void cancellingAFilledOrderIsRefusedAndExitsOne() {
        h.startAgent();
        String orderNo = buyAtMarket().orderNo();

        CliRunner.Result result = cli.run("cancel", "--uid", UID, "--order", orderNo);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out())
                .contains(
                        "status   FAILED\n",
                        "message  order " + orderNo + " is already COMPLETE; there is nothing to cancel\n",
                        "orders   none sent\n");
        assertThat(h.kotak.requestsTo(CANCEL)).isEmpty();
    }

    @Test
    void aCancelWhoseAnswerIsLostIsUnknownAndExitsTwo() {
        h.startAgent();
        String orderNo = restingBuy("80").orderNo();
        h.kotak.failNext(CANCEL, Fault.http500Bare());

        CliRunner.Result result = cli.run("cancel", "--uid", UID, "--order", orderNo);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.out())
                .contains(
                        "status   UNKNOWN\n",
                        "order    cancel  BUY 65 " + CE + "  UNKNOWN  order " + orderNo + "  outcome UNKNOWN");
        assertThat(order(orderNo).status()).isEqualTo("open");
    }

    // ---- exit-all ----

    @Test
    void exitAllCancelsThenSquaresOffAndPrintsEveryStepEvenWhileHalted() {
        h.startAgent();
        buyAtMarket(); // a long position of one lot
        String resting = restingBuy("70").orderNo();
        assertThat(cli.run("halt", "--uid", UID).exitCode()).isZero();

        CliRunner.Result result = cli.run("exit-all", "--uid", UID);

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertLastWrites(List.of(
                "hdel " + UID + " STATUS_EXIT_ALL",
                "hdel " + UID + " MSG_EXIT_ALL",
                "hset " + UID + " EXIT_ALL requested STATUS_EXIT_ALL PROCESSING"));
        String squareOff = orders().get(orders().size() - 1).orderNo();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 3))
                .containsExactly(
                        "wrote    HSET " + UID + " EXIT_ALL requested STATUS_EXIT_ALL PROCESSING",
                        "status   SUCCESS",
                        "message  Exit complete: cancelled 1 open order; square-off orders placed: " + squareOff);
        // every step in the order the agent took it: the cancels, then the square-off orders
        assertThat(lines.get(3))
                .startsWith("order    cancel  BUY 65 " + CE + "  DONE  order " + resting + "  Order " + resting
                        + " cancel");
        assertThat(lines.get(4))
                .isEqualTo("order    place   SELL 65 " + CE + "  DONE  order " + squareOff + "  Order Placed: "
                        + squareOff);
        assertThat(lines.get(5)).matches("id       C\\w+ \\(outcome DONE\\)");
        assertThat(calls(h.kotak.requestsTo(PLACE), "tt", "qt"))
                .containsExactly("tt=B qt=65", "tt=B qt=65", "tt=S qt=65");
    }

    @Test
    void anExitWhoseSquareOffIsRejectedExitsOne() {
        h.startAgent();
        buyAtMarket();
        h.kotak.failNext(PLACE, Fault.apiReject(1004, "RMS:Rule: square-off blocked"));

        CliRunner.Result result = cli.run("exit-all", "--uid", UID);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out())
                .contains(
                        "status   FAILED\n",
                        "message  Completed with 1 errors. First error: ",
                        "order    place   SELL 65 " + CE + "  REJECTED",
                        "RMS:Rule: square-off blocked");
    }

    @Test
    void anExitWhoseSquareOffIsUnknownExitsTwo() {
        h.startAgent();
        buyAtMarket();
        h.kotak.failNext(PLACE, Fault.http500Bare());

        CliRunner.Result result = cli.run("exit-all", "--uid", UID);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.out()).contains("status   UNKNOWN\n", "order    place   SELL 65 " + CE + "  UNKNOWN");
    }

    @Test
    void withoutAgentAnExitIsWithdrawnAtTheTimeoutSoItCanNeverFireLater() {
        CliRunner.Result result = cli.run("exit-all", "--uid", UID, "--timeout", "1s");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("the agent did not answer within 1 s (is `neo-agent run` running? no agent is running on "
                        + "this Redis: no NEO_AGENT:* lease). The request was withdrawn before any agent "
                        + "took it: nothing was sent.");
        assertThat(h.redis.hexists(UID, "EXIT_ALL")).isFalse();
        assertThat(h.hget(UID, "STATUS_EXIT_ALL")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_EXIT_ALL"))
                .isEqualTo("withdrawn by neo-agent exit-all: no agent took it within 1 s; nothing was sent");
    }

    // ---- usage ----

    @Test
    void badCommandLinesAreOneLineExitOneAndWriteNothing() {
        CliRunner.Result noChange = cli.run("modify", "--uid", UID, "--order", "260120000000001");
        assertThat(noChange.exitCode()).isEqualTo(1);
        assertThat(noChange.err())
                .isEqualTo("neo-agent modify: give at least one change: --price, --qty, --trigger or --type "
                        + "(see: neo-agent modify --help)\n");

        assertThat(cli.run("modify", "--uid", UID, "--order", "260120000000001", "--type", "STOP")
                        .err())
                .isEqualTo("--type must be LIMIT or SL or SL-M or MARKET, got 'STOP'\n");
        assertThat(cli.run("modify", "--uid", UID, "--order", "26012 0001", "--price", "1")
                        .err())
                .startsWith("neo-agent modify: --order must be a broker order number");
        assertThat(cli.run("modify", "--uid", UID, "--order", "1", "--price", "-1")
                        .exitCode())
                .isEqualTo(1);
        assertThat(cli.run("modify", "--uid", UID, "--price", "1").err())
                .startsWith("neo-agent modify: Missing required option: '--order=ORDER_NO'");

        CliRunner.Result noTarget = cli.run("cancel", "--uid", UID);
        assertThat(noTarget.exitCode()).isEqualTo(1);
        assertThat(noTarget.err())
                .isEqualTo("neo-agent cancel: Error: Missing required argument (specify one of these): "
                        + "(--order=ORDER_NO | --request=ID | --all) (see: neo-agent cancel --help)\n");
        CliRunner.Result twoTargets = cli.run("cancel", "--uid", UID, "--order", "1", "--all");
        assertThat(twoTargets.exitCode()).isEqualTo(1);
        assertThat(twoTargets.err()).contains("mutually exclusive");
        assertThat(cli.run("cancel", "--uid", UID, "--request", "bogus").err())
                .startsWith("neo-agent cancel: --request must be a command id");
        assertThat(cli.run("exit-all").err()).startsWith("neo-agent exit-all: Missing required option: '--uid=UID'");

        CliRunner.Result nobody = cli.run("exit-all", "--uid", "NOBODY");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err()).startsWith("no such user: NOBODY");

        assertThat(h.redis.exists("NOBODY")).isZero();
        assertThat(h.redis.hgetall(UID)).isEmpty();
    }
}
