package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.contract.OrderStates;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neo-agent orders}: the table of {@code NEO_ORDERS:<uid>}, read from a real Redis filled with
 * {@link OrderStates.Entry} JSON as the agent writes it (no agent runs): open orders first, newest first within each
 * group, every column, and unreadable entries shown rather than skipped.
 */
class OrdersCommandTest {
    private static final String UID = "ITC2766";
    private static final String KEY = "NEO_ORDERS:" + UID;
    private static final String FORMAT = "%-15s  %-21s  %-4s  %-15s  %-10s  %-9s  %-5s  %-7s  %-8s  %-13s  %s";

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

    private static OrderStates.Entry entry(
            String orderNo,
            String request,
            String tsym,
            String side,
            int qty,
            int filled,
            String avgPrice,
            String price,
            String trigger,
            String status,
            String reason,
            String time) {
        return new OrderStates.Entry(
                orderNo,
                Optional.ofNullable(request).map(id -> id + "L0S0"),
                Optional.ofNullable(request),
                tsym,
                side,
                qty,
                filled,
                new BigDecimal(avgPrice),
                new BigDecimal(price),
                new BigDecimal(trigger),
                status,
                status.toLowerCase(Locale.ROOT),
                Optional.ofNullable(reason),
                request == null,
                OffsetDateTime.parse("2026-01-20T" + time + "+05:30").toInstant());
    }

    private void store(OrderStates.Entry... entries) {
        for (OrderStates.Entry entry : entries) {
            h.redis.hset(KEY, entry.orderNo(), entry.toJson());
        }
    }

    private static String row(String... cells) {
        return String.format(FORMAT, (Object[]) cells).stripTrailing();
    }

    private static final String HEADER = row(
            "order no",
            "symbol",
            "side",
            "status",
            "filled/qty",
            "avg price",
            "price",
            "trigger",
            "updated",
            "request",
            "reason");

    private void storeADay() {
        store(
                entry(
                        "260120000000101",
                        "CMKM2FLS0AAAA",
                        "NIFTY26JAN26000CE",
                        "BUY",
                        65,
                        0,
                        "0",
                        "80.00",
                        "0",
                        "OPEN",
                        null,
                        "09:31:00"),
                entry(
                        "260120000000102",
                        null,
                        "BANKNIFTY26JAN60000PE",
                        "SELL",
                        30,
                        0,
                        "0",
                        "300",
                        "305",
                        "TRIGGER_PENDING",
                        null,
                        "09:35:00"),
                entry(
                        "260120000000103",
                        "CMKM2FLS0BBBB",
                        "RELIANCE-EQ",
                        "BUY",
                        1,
                        0,
                        "0",
                        "0",
                        "0",
                        "PENDING",
                        null,
                        "09:20:00"),
                entry(
                        "260120000000104",
                        "CMKM2FLS0CCCC",
                        "NIFTY26JAN26000CE",
                        "SELL",
                        65,
                        65,
                        "95.5",
                        "0",
                        "0",
                        "COMPLETE",
                        null,
                        "09:40:00"),
                entry(
                        "260120000000105",
                        "CMKM2FLS0DDDD",
                        "NIFTY26JAN26000CE",
                        "BUY",
                        130,
                        0,
                        "0",
                        "80",
                        "0",
                        "REJECTED",
                        "RMS:Margin Exceeds",
                        "09:45:00"),
                entry(
                        "260120000000106",
                        null,
                        "NIFTY26JAN26000CE",
                        "BUY",
                        130,
                        65,
                        "81.25",
                        "81.25",
                        "0",
                        "CANCELLED",
                        null,
                        "09:10:00"),
                // the same time as 101: the higher order number (placed later) first
                entry(
                        "260120000000108",
                        "CMKM2FLS0EEEE",
                        "NIFTY26JAN26000CE",
                        "BUY",
                        65,
                        0,
                        "0",
                        "79",
                        "0",
                        "OPEN",
                        null,
                        "09:31:00"));
        h.redis.hset(KEY, "260120000000107", "{\"order_no\": \"260120000000107\", \"status\": \"OP");
        h.redis.hset(
                KEY,
                "260120000000109",
                entry("260120000000109", null, "X", "BUY", 1, 0, "0", "0", "0", "OPEN", null, "09:00:00")
                        .toJson()
                        .replace("\"OPEN\"", "\"WEIRD\""));
    }

    @Test
    void openOrdersComeFirstThenTheRestNewestFirstWithEveryColumn() {
        storeADay();

        CliRunner.Result result = cli.run("orders", "--uid", UID);

        assertThat(result.exitCode()).as(result.all()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.subList(0, 8))
                .containsExactly(
                        HEADER,
                        row(
                                "260120000000102",
                                "BANKNIFTY26JAN60000PE",
                                "SELL",
                                "TRIGGER_PENDING",
                                "0/30",
                                "-",
                                "300",
                                "305",
                                "09:35:00",
                                "ext",
                                ""),
                        row(
                                "260120000000108",
                                "NIFTY26JAN26000CE",
                                "BUY",
                                "OPEN",
                                "0/65",
                                "-",
                                "79",
                                "-",
                                "09:31:00",
                                "CMKM2FLS0EEEE",
                                ""),
                        row(
                                "260120000000101",
                                "NIFTY26JAN26000CE",
                                "BUY",
                                "OPEN",
                                "0/65",
                                "-",
                                "80.00",
                                "-",
                                "09:31:00",
                                "CMKM2FLS0AAAA",
                                ""),
                        row(
                                "260120000000103",
                                "RELIANCE-EQ",
                                "BUY",
                                "PENDING",
                                "0/1",
                                "-",
                                "-",
                                "-",
                                "09:20:00",
                                "CMKM2FLS0BBBB",
                                ""),
                        row(
                                "260120000000105",
                                "NIFTY26JAN26000CE",
                                "BUY",
                                "REJECTED",
                                "0/130",
                                "-",
                                "80",
                                "-",
                                "09:45:00",
                                "CMKM2FLS0DDDD",
                                "RMS:Margin Exceeds"),
                        row(
                                "260120000000104",
                                "NIFTY26JAN26000CE",
                                "SELL",
                                "COMPLETE",
                                "65/65",
                                "95.5",
                                "-",
                                "-",
                                "09:40:00",
                                "CMKM2FLS0CCCC",
                                ""),
                        row(
                                "260120000000106",
                                "NIFTY26JAN26000CE",
                                "BUY",
                                "CANCELLED",
                                "65/130",
                                "81.25",
                                "81.25",
                                "-",
                                "09:10:00",
                                "ext",
                                ""));
        // unreadable entries are rows too, last, saying what is wrong
        assertThat(lines).hasSize(10);
        assertThat(lines.get(8))
                .startsWith("260120000000109  unreadable entry in " + KEY + ": not an order state: status must be "
                        + "one of [PENDING, OPEN, TRIGGER_PENDING, COMPLETE, REJECTED, CANCELLED], was WEIRD");
        assertThat(lines.get(9))
                .startsWith("260120000000107  unreadable entry in " + KEY + ": not an order state: ")
                .hasSizeLessThan(200);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void openShowsOnlyTheOpenOrdersAndTheUnreadableOnes() {
        storeADay();

        CliRunner.Result result = cli.run("orders", "--uid", UID, "--open");

        assertThat(result.exitCode()).as(result.all()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.subList(0, 5))
                .containsExactly(
                        HEADER,
                        row(
                                "260120000000102",
                                "BANKNIFTY26JAN60000PE",
                                "SELL",
                                "TRIGGER_PENDING",
                                "0/30",
                                "-",
                                "300",
                                "305",
                                "09:35:00",
                                "ext",
                                ""),
                        row(
                                "260120000000108",
                                "NIFTY26JAN26000CE",
                                "BUY",
                                "OPEN",
                                "0/65",
                                "-",
                                "79",
                                "-",
                                "09:31:00",
                                "CMKM2FLS0EEEE",
                                ""),
                        row(
                                "260120000000101",
                                "NIFTY26JAN26000CE",
                                "BUY",
                                "OPEN",
                                "0/65",
                                "-",
                                "80.00",
                                "-",
                                "09:31:00",
                                "CMKM2FLS0AAAA",
                                ""),
                        row(
                                "260120000000103",
                                "RELIANCE-EQ",
                                "BUY",
                                "PENDING",
                                "0/1",
                                "-",
                                "-",
                                "-",
                                "09:20:00",
                                "CMKM2FLS0BBBB",
                                ""));
        assertThat(lines.subList(5, lines.size()))
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("260120000000109  unreadable entry"),
                        line -> assertThat(line).startsWith("260120000000107  unreadable entry"));
    }

    @Test
    void noOrdersIsOneLine() {
        CliRunner.Result none = cli.run("orders", "--uid", UID);
        assertThat(none.exitCode()).as(none.all()).isZero();
        assertThat(none.out()).isEqualTo("no orders today for " + UID + " (" + KEY + " is empty)\n");

        store(entry(
                "260120000000104",
                "CMKM2FLS0CCCC",
                "NIFTY26JAN26000CE",
                "SELL",
                65,
                65,
                "95.5",
                "0",
                "0",
                "COMPLETE",
                null,
                "09:40:00"));
        CliRunner.Result noneOpen = cli.run("orders", "--uid", UID, "--open");
        assertThat(noneOpen.exitCode()).isZero();
        assertThat(noneOpen.out())
                .isEqualTo("no open orders for " + UID + " (1 order today: neo-agent orders --uid " + UID + ")\n");
    }

    @Test
    void aUserIsKnownByItsOrderStateAndAnUnknownOneIsRefused() {
        h.redis.hset(
                "NEO_ORDERS:FEEDONLY",
                "260120000000201",
                entry("260120000000201", null, "IDEA-EQ", "BUY", 10, 10, "9.39", "0", "0", "COMPLETE", null, "10:00:00")
                        .toJson());

        CliRunner.Result known = cli.run("orders", "--uid", "FEEDONLY");
        assertThat(known.exitCode()).as(known.all()).isZero();
        assertThat(known.out()).contains("260120000000201  IDEA-EQ  BUY   COMPLETE  10/10");

        CliRunner.Result unknown = cli.run("orders", "--uid", "NOBODY");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("no such user: NOBODY");
        assertThat(cli.run("orders").err()).startsWith("neo-agent orders: Missing required option: '--uid=UID'");
    }
}
