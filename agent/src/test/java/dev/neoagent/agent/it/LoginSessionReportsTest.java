package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, session check and report requests exactly as the existing UI writes them (ui-contract §3.1, §3.2). */
class LoginSessionReportsTest {
    private static final String UID = "ITC2766";

    @TempDir
    Path home;

    private AgentHarness h;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        h.startAgent();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void uiLoginButtonUpdatesBothStatusFamilies() {
        h.redis.hdel(UID, "LOGIN_STATUS");
        h.redis.hdel(UID, "LOGIN_MESSAGE");
        h.hset(UID, "LOGIN", "requested", "LOGIN_STATUS", "PROCESSING");

        h.awaitField(UID, "LOGIN_STATUS", "SUCCESS");
        assertThat(h.hget(UID, "LOGIN_MESSAGE")).isEqualTo("Authentication complete, ready for trading");
        assertThat(h.hget(UID, "NEO_LOGIN_STATUS")).isEqualTo("READY");
        assertThat(h.hget(UID, "LOGIN")).isEqualTo("fetched");
        assertThat(h.kotak.loginCount("U" + UID)).isEqualTo(1);
    }

    @Test
    void neoLoginRequest() {
        h.hset(UID, "NEO_LOGIN_REQUEST", "requested");
        h.awaitField(UID, "NEO_LOGIN_STATUS", "READY");
        assertThat(h.hget(UID, "LOGIN_STATUS")).isEqualTo("SUCCESS");
        assertThat(h.hget(UID, "NEO_LOGIN_REQUEST")).isEqualTo("fetched");
    }

    @Test
    void failedLoginSaysWhyWithoutSecrets() {
        h.kotak.failNext(
                "/login/1.0/tradeApiValidate",
                dev.neoagent.testing.FakeKotakServer.Fault.http(
                        401, "{\"status\": \"error\", \"message\": \"Invalid MPIN.\", \"errorCode\": \"401\"}"));
        h.hset(UID, "LOGIN", "requested", "LOGIN_STATUS", "PROCESSING");

        h.awaitField(UID, "LOGIN_STATUS", "FAILED");
        assertThat(h.hget(UID, "LOGIN_MESSAGE")).contains("Invalid MPIN.", "check mpin");
        assertThat(h.hget(UID, "NEO_LOGIN_STATUS")).isEqualTo("FAILED");
        var user = h.kotak.user("U" + UID);
        assertThat(h.redis.hgetall(UID).values())
                .noneMatch(v -> v.contains(user.mpin())
                        || v.contains(user.consumerKey())
                        || v.contains(user.totpSecretBase32()));
        // nor in anything else the agent keeps: audit, in-flight, claims
        AgentHarness.await()
                .until(() -> !h.redis
                        .xrange("NEO_AUDIT:" + UID, io.lettuce.core.Range.create("-", "+"))
                        .isEmpty());
        for (String key : h.redis.keys("*")) {
            String dump = switch (h.redis.type(key)) {
                case "hash" -> h.redis.hgetall(key).toString();
                // entry bodies only: a 6-digit MPIN could turn up inside a 13-digit entry id by chance
                case "stream" ->
                    h.redis.xrange(key, io.lettuce.core.Range.create("-", "+")).stream()
                            .map(entry -> entry.getBody().toString())
                            .toList()
                            .toString();
                case "string" -> h.redis.get(key);
                default -> "";
            };
            assertThat(dump).as(key).doesNotContain(user.mpin(), user.consumerKey(), user.totpSecretBase32());
        }
    }

    @Test
    void checkSessionMakesARealAuthenticatedCall() {
        h.redis.hdel(UID, "SESSION_STATUS");
        h.hset(UID, "CHECK_SESSION", "requested", "SESSION_STATUS", "PROCESSING");

        h.awaitField(UID, "SESSION_STATUS", "ACTIVE");
        assertThat(h.hget(UID, "SESSION_MESSAGE")).startsWith("Kotak Neo session is ACTIVE");
        assertThat(h.kotak.requestsTo("/quick/user/limits")).hasSize(1);
        assertThat(h.hget(UID, "CHECK_SESSION")).isEqualTo("fetched");
    }

    @Test
    void sessionExpiryMidDayIsHealedByOneReloginAndTheOrderIsPlacedOnce() {
        h.hset(UID, "LOGIN", "requested");
        h.awaitField(UID, "LOGIN", "fetched");
        h.kotak.expireSessions(SessionExpiry.STCODE_1003);

        h.hset(
                UID,
                "PLACE_SINGLE",
                "requested",
                "SINGLE_LEG",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", "
                        + "\"Qty\": 65, \"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", "
                        + "\"ExecutionType\": \"MARKET\"}]",
                "STATUS_SINGLE",
                "PROCESSING");

        h.awaitField(UID, "STATUS_SINGLE", "SUCCESS");
        assertThat(h.kotak.loginCount("U" + UID)).isEqualTo(2);
        assertThat(h.placeCalls()).isEqualTo(2); // refused by the gateway once, then accepted
        assertThat(h.kotak.orders("U" + UID)).hasSize(1);
    }

    @Test
    void reportsAreWrittenAsTheUiReadsThemAndFlaggedAfterwards() throws IOException {
        h.hset(
                UID,
                "PLACE_SINGLE",
                "requested",
                "SINGLE_LEG",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", "
                        + "\"Qty\": 65, \"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", "
                        + "\"ExecutionType\": \"MARKET\"}]",
                "STATUS_SINGLE",
                "PROCESSING");
        h.awaitField(UID, "STATUS_SINGLE", "SUCCESS");

        for (String flag : List.of("BALANCE", "POSITION", "ORDERBOOK", "TRADEBOOK", "HOLDINGS")) {
            h.hset(UID, flag, "requested");
        }
        for (String flag : List.of("BALANCE", "POSITION", "ORDERBOOK", "TRADEBOOK", "HOLDINGS")) {
            h.awaitField(UID, flag, "fetched");
            assertThat(h.hget(UID, flag + "_AT")).startsWith("2026-01-20T09:30");
        }
        Path dir = home.resolve(UID);
        assertThat(Files.readAllLines(dir.resolve("balance.csv")))
                .first()
                .isEqualTo("cashAvailable,netMarginAvailable,marginUtilized");
        List<String> positions = Files.readAllLines(dir.resolve("positions.csv"));
        assertThat(positions.get(0))
                .isEqualTo(
                        "TradingSymbol,ExchangeInstrumentId,ProductType,Marketlot,"
                                + "BuyAveragePrice,SellAveragePrice,OpenBuyQuantity,OpenSellQuantity,Quantity,BuyAmount,SellAmount,NetAmount");
        assertThat(positions.get(1)).startsWith("NIFTY 27JAN2026 CE 26000,58801,NRML,65,95.00,0,");
        List<String> orderbook = Files.readAllLines(dir.resolve("orderbook.csv"));
        assertThat(orderbook.get(0))
                .isEqualTo("AppOrderID,TradingSymbol,OptionType,OrderSide,OrderQuantity,"
                        + "OrderStatus,OrderAverageTradedPrice,OrderGeneratedDateTime,ExchangeTransactTime");
        assertThat(orderbook.get(1)).contains(",NIFTY 27JAN2026 CE 26000,CE,BUY,65,Filled,95");
        assertThat(Files.readAllLines(dir.resolve("tradebook.csv"))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("holdings.csv"))).hasSize(1);
    }

    @Test
    void failedReportLeavesThePreviousFileAndSaysWhy() throws IOException {
        h.hset(UID, "BALANCE", "requested");
        h.awaitField(UID, "BALANCE", "fetched");
        String before = Files.readString(home.resolve(UID).resolve("balance.csv"));
        for (int i = 0; i < 2; i++) { // the read is retried once
            h.kotak.failNext("/quick/user/limits", dev.neoagent.testing.FakeKotakServer.Fault.http500Bare());
        }

        h.hset(UID, "BALANCE", "requested");

        h.awaitField(UID, "BALANCE", "failed");
        assertThat(h.hget(UID, "BALANCE_MESSAGE")).contains("HTTP 500");
        assertThat(Files.readString(home.resolve(UID).resolve("balance.csv"))).isEqualTo(before);
    }
}
