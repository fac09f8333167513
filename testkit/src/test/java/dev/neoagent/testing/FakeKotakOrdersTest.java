package dev.neoagent.testing;

import static dev.neoagent.testing.KotakTestClient.placeFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.KotakTestClient.Resp;
import dev.neoagent.testing.KotakTestClient.Session;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeKotakOrdersTest {
    private static final String NIFTY_PE = "NIFTY2692221000PE";

    private FakeKotakServer fake;
    private KotakTestClient client;
    private FakeUser user;
    private Session session;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        client = new KotakTestClient(fake);
        user = fake.addUser("AB123");
        session = client.login(user);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static Map<String, String> buyNifty(String qty, String priceType, String price) {
        return placeFields("nse_fo", NIFTY_PE, "B", qty, priceType, price, "NRML", "mytag1");
    }

    @Test
    void tradeCallsExistOnlyUnderThePrefix() {
        Resp withoutPrefix =
                client.get(new Session(session.token(), session.sid(), fake.loginUrl()), "/quick/user/orders");
        assertThat(withoutPrefix.status()).isEqualTo(404);
        Resp withPrefix = client.get(session, "/quick/user/orders");
        assertThat(withPrefix.status()).isEqualTo(200);
        assertThat(withPrefix.json().get("stat").asText()).isEqualTo("Ok");
    }

    @Test
    void tradeCallsNeedAuthAndSid() {
        Resp noSession = client.getUrl(fake.baseUrl() + "/quick/user/orders");
        assertThat(noSession.status()).isEqualTo(200);
        assertThat(noSession.json().get("stCode").asInt()).isEqualTo(1003);
        Resp wrongSid = client.get(new Session(session.token(), "other", session.baseUrl()), "/quick/user/orders");
        assertThat(wrongSid.json().get("stCode").asInt()).isEqualTo(1003);
    }

    @Test
    void emptyDayBooks() {
        assertThat(client.get(session, "/quick/user/orders").json().get("data")).isEmpty();
        JsonNode trades = client.get(session, "/quick/user/trades").json();
        assertThat(trades.get("stat").asText()).isEqualTo("ok");
        assertThat(trades.get("data")).isEmpty();
        assertThat(client.get(session, "/quick/user/positions").json().get("data"))
                .isEmpty();
        JsonNode holdings = client.get(session, "/portfolio/v1/holdings").json();
        assertThat(holdings.has("stat")).isFalse();
        assertThat(holdings.get("data")).isEmpty();
    }

    @Test
    void marketOrderFillsAtLtpAndAllReportsAgree() {
        String orderNo = client.placeOk(session, buyNifty("65", "MKT", "0"));
        String today = ZonedDateTime.now(ZoneId.of("Asia/Kolkata")).format(DateTimeFormatter.ofPattern("yyMMdd"));
        assertThat(orderNo).matches("\\d{15}").startsWith(today);

        JsonNode book = client.get(session, "/quick/user/orders").json();
        assertThat(book.get("stat").asText()).isEqualTo("Ok");
        assertThat(book.get("stCode").asInt()).isEqualTo(200);
        JsonNode order = book.get("data").get(0);
        assertThat(order.get("nOrdNo").asText()).isEqualTo(orderNo);
        assertThat(order.get("ordSt").asText()).isEqualTo("complete");
        assertThat(order.get("stat").asText()).isEqualTo("complete");
        assertThat(order.get("qty").isInt()).isTrue();
        assertThat(order.get("qty").asInt()).isEqualTo(65);
        assertThat(order.get("fldQty").isInt()).isTrue();
        assertThat(order.get("fldQty").asInt()).isEqualTo(65);
        assertThat(order.get("unFldSz").asInt()).isZero();
        assertThat(order.get("cnlQty").asInt()).isZero();
        assertThat(order.get("avgPrc").asText()).isEqualTo("120.50");
        assertThat(order.get("prc").asText()).isEqualTo("0.00");
        assertThat(order.get("trgPrc").asText()).isEqualTo("0.00");
        assertThat(order.get("prcTp").asText()).isEqualTo("MKT");
        assertThat(order.get("trnsTp").asText()).isEqualTo("B");
        assertThat(order.get("prod").asText()).isEqualTo("NRML");
        assertThat(order.get("trdSym").asText()).isEqualTo(NIFTY_PE);
        assertThat(order.get("sym").asText()).isEqualTo("NIFTY");
        assertThat(order.get("tok").asText()).isEqualTo("56526");
        assertThat(order.get("exSeg").asText()).isEqualTo("nse_fo");
        assertThat(order.get("lotSz").asText()).isEqualTo("65");
        assertThat(order.get("optTp").asText()).isEqualTo("PE");
        assertThat(order.get("stkPrc").asText()).isEqualTo("21000.00");
        assertThat(order.get("vldt").asText()).isEqualTo("DAY");
        assertThat(order.get("rejRsn").asText()).isEqualTo("--");
        assertThat(order.get("GuiOrdId").asText()).isEqualTo("mytag1");
        assertThat(order.get("ordDtTm").asText()).matches("\\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}");
        assertThat(order.get("boeSec").isIntegralNumber()).isTrue();
        assertThat(order.get("updRecvTm").isLong()).isTrue();
        assertThat(order.get("updRecvTm").asText()).hasSize(19);

        JsonNode trades = client.get(session, "/quick/user/trades").json();
        assertThat(trades.get("stat").asText()).isEqualTo("ok");
        JsonNode fill = trades.get("data").get(0);
        assertThat(fill.get("nOrdNo").asText()).isEqualTo(orderNo);
        assertThat(fill.get("tok").asText()).isEmpty();
        assertThat(fill.get("fldQty").asInt()).isEqualTo(65);
        assertThat(fill.get("avgPrc").asText()).isEqualTo("120.50");
        assertThat(fill.get("GuiOrdId").asText()).isEqualTo("mytag1");
        assertThat(fill.get("flId").asText()).isNotBlank();
        assertThat(fill.get("flDt").asText()).matches("\\d{2}-[A-Z][a-z]{2}-\\d{4}");
        assertThat(fill.get("flTm").asText()).matches("\\d{2}:\\d{2}:\\d{2}");

        JsonNode positions = client.get(session, "/quick/user/positions").json();
        assertThat(positions.get("stat").asText()).isEqualTo("ok");
        JsonNode position = positions.get("data").get(0);
        assertThat(position.get("trdSym").asText()).isEqualTo(NIFTY_PE);
        assertThat(position.get("tok").asText()).isEqualTo("56526");
        assertThat(position.get("flBuyQty").asText()).isEqualTo("65");
        assertThat(position.get("flSellQty").asText()).isEqualTo("0");
        assertThat(position.get("cfBuyQty").asText()).isEqualTo("0");
        assertThat(position.get("buyAmt").asText()).isEqualTo("7832.50");
        assertThat(position.get("sellAmt").asText()).isEqualTo("0.00");
        assertThat(position.get("cfBuyAmt").asText()).isEqualTo("0.00");
        assertThat(position.get("multiplier").asText()).isEqualTo("1");
        assertThat(position.get("precision").asText()).isEqualTo("2");
        assertThat(position.get("brdLtQty").isInt()).isTrue();

        JsonNode limits = limits();
        assertThat(limits.get("stat").asText()).isEqualTo("Ok");
        assertThat(limits.get("stCode").asInt()).isEqualTo(200);
        assertThat(limits.get("CollateralValue").asText()).isEqualTo("1000000.00");
        assertThat(limits.get("MarginUsed").asText()).isEqualTo("7832.50");
        assertThat(limits.get("Net").asText()).isEqualTo("992167.50");
        assertThat(limits.get("RmsPayInAmt").asText()).isEqualTo("0");

        assertThat(fake.orders("AB123"))
                .containsExactly(new FakeOrder(
                        orderNo,
                        "mytag1",
                        NIFTY_PE,
                        "nse_fo",
                        "B",
                        65,
                        "MKT",
                        new BigDecimal("0"),
                        "NRML",
                        "complete",
                        65,
                        new BigDecimal("120.50"),
                        null));
    }

    @Test
    void limitOrderWaitsUntilLtpReachesIt() {
        String orderNo = client.placeOk(session, buyNifty("130", "L", "100"));
        assertThat(fake.orders("AB123").getFirst().status()).isEqualTo("open");
        JsonNode open =
                client.get(session, "/quick/user/orders").json().get("data").get(0);
        assertThat(open.get("unFldSz").asInt()).isEqualTo(130);
        assertThat(open.get("prc").asText()).isEqualTo("100.00");
        assertThat(limits().get("MarginUsed").asText()).isEqualTo("13000.00");
        assertThat(client.get(session, "/quick/user/trades").json().get("data")).isEmpty();

        fake.setLtp("56526", new BigDecimal("99.10"));

        FakeOrder filled = fake.orders("AB123").getFirst();
        assertThat(filled.status()).isEqualTo("complete");
        assertThat(filled.avgPrice()).isEqualByComparingTo("100");
        assertThat(limits().get("MarginUsed").asText()).isEqualTo("13000.00");
        assertThat(fake.orderStatusHistory("AB123", orderNo))
                .containsExactly("put order req received", "validation pending", "open pending", "open", "complete");
    }

    @Test
    void marketableLimitFillsAtItsLimitPrice() {
        client.placeOk(session, placeFields("nse_cm", "RELIANCE-EQ", "S", "3", "L", "2850", "CNC", null));
        FakeOrder order = fake.orders("AB123").getFirst();
        assertThat(order.status()).isEqualTo("complete");
        assertThat(order.avgPrice()).isEqualByComparingTo("2850");
        assertThat(order.tag()).isNull();
        JsonNode row =
                client.get(session, "/quick/user/orders").json().get("data").get(0);
        assertThat(row.get("GuiOrdId").asText()).isEmpty();
    }

    @Test
    void orderHistoryIsNewestFirst() {
        String orderNo = client.placeOk(session, buyNifty("65", "MKT", "0"));
        Resp history = client.post(session, "/quick/order/history", "{\"nOrdNo\": \"" + orderNo + "\"}");
        assertThat(history.json().get("stat").asText()).isEqualTo("Ok");
        List<String> states = new ArrayList<>();
        history.json().get("data").forEach(s -> states.add(s.get("ordSt").asText()));
        assertThat(states)
                .containsExactly("complete", "open", "open pending", "validation pending", "put order req received");
        assertThat(history.json().get("data").get(0).get("fldQty").asInt()).isEqualTo(65);
        assertThat(history.json().get("data").get(4).get("fldQty").asInt()).isZero();

        Resp unknown = client.post(session, "/quick/order/history", "{\"nOrdNo\": \"1\"}");
        assertThat(unknown.json().get("stat").asText()).isEqualTo("Not_Ok");
        assertThat(unknown.json().get("stCode").asInt()).isEqualTo(1006);
    }

    @Test
    void modifyReEvaluatesTheFillRule() {
        String orderNo = client.placeOk(session, buyNifty("65", "L", "100"));
        Resp modified = client.post(
                session,
                "/quick/order/vr/modify",
                "{\"tk\": \"56526\", \"mp\": \"0\", \"pc\": \"NRML\", \"dd\": \"NA\", \"dq\": \"0\", "
                        + "\"vd\": \"DAY\", \"ts\": \"" + NIFTY_PE + "\", \"tt\": \"B\", \"pr\": \"121\", "
                        + "\"pt\": \"L\", \"fq\": \"0\", \"am\": \"NO\", \"tp\": \"0\", \"qt\": \"65\", "
                        + "\"no\": \"" + orderNo + "\", \"es\": \"nse_fo\", \"os\": \"NEOTRADEAPI\"}");
        assertThat(modified.json().get("stat").asText()).isEqualTo("Ok");
        assertThat(modified.json().get("nOrdNo").asText()).isEqualTo(orderNo);
        FakeOrder order = fake.orders("AB123").getFirst();
        assertThat(order.status()).isEqualTo("complete");
        assertThat(order.price()).isEqualByComparingTo("121");
        assertThat(fake.orderStatusHistory("AB123", orderNo)).contains("modified");

        Resp again = client.post(
                session,
                "/quick/order/vr/modify",
                "{\"no\": \"" + orderNo + "\", \"pr\": \"122\", \"pt\": \"L\", \"qt\": \"65\", "
                        + "\"vd\": \"DAY\", \"tp\": \"0\", \"am\": \"NO\", \"mp\": \"0\", \"dq\": \"0\"}");
        assertThat(again.json().get("stCode").asInt()).isEqualTo(1021);
        assertThat(again.json().get("errMsg").asText()).isEqualTo("order is completed");
        assertThat(again.json().get("stat").asText()).isEqualTo("please provide valid order number");
    }

    @Test
    void modifyQuantityMustStayAWholeNumberOfLots() {
        String orderNo = client.placeOk(session, buyNifty("65", "L", "100"));
        Resp bad = client.post(session, "/quick/order/vr/modify", "{\"no\": \"" + orderNo + "\", \"qt\": \"70\"}");
        assertThat(bad.json().get("stCode").asInt()).isEqualTo(1009);
        Resp good = client.post(session, "/quick/order/vr/modify", "{\"no\": \"" + orderNo + "\", \"qt\": \"130\"}");
        assertThat(good.json().get("stat").asText()).isEqualTo("Ok");
        assertThat(fake.orders("AB123").getFirst().qty()).isEqualTo(130);
        Resp unknown = client.post(session, "/quick/order/vr/modify", "{\"no\": \"999\", \"qt\": \"65\"}");
        assertThat(unknown.json().get("stCode").asInt()).isEqualTo(1006);
    }

    @Test
    void cancelOpenOrderThenAgain() {
        String orderNo = client.placeOk(session, buyNifty("65", "L", "100"));
        Resp cancelled = client.post(session, "/quick/order/cancel", "{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}");
        assertThat(cancelled.json().get("stat").asText()).isEqualTo("Ok");
        assertThat(cancelled.json().get("stCode").asInt()).isEqualTo(200);
        assertThat(cancelled.json().get("nOrdNo").asText()).isEqualTo(orderNo);
        JsonNode row =
                client.get(session, "/quick/user/orders").json().get("data").get(0);
        assertThat(row.get("ordSt").asText()).isEqualTo("cancelled");
        assertThat(row.get("cnlQty").asInt()).isEqualTo(65);
        assertThat(limits().get("MarginUsed").asText()).isEqualTo("0.00");

        Resp again = client.post(session, "/quick/order/cancel", "{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}");
        assertThat(again.json().get("stat").asText()).isEqualTo("Not_Ok");
        assertThat(again.json().get("stCode").asInt()).isEqualTo(1006);
        assertThat(again.json().get("emsg").asText()).isEqualTo("Order already cancelled or not found.");

        Resp modifyCancelled =
                client.post(session, "/quick/order/vr/modify", "{\"no\": \"" + orderNo + "\", \"pr\": \"101\"}");
        assertThat(modifyCancelled.json().get("stCode").asInt()).isEqualTo(1006);
    }

    @Test
    void cancelCompleteOrderAnswers1021() {
        String orderNo = client.placeOk(session, buyNifty("65", "MKT", "0"));
        Resp resp = client.post(session, "/quick/order/cancel", "{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}");
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(1021);
        assertThat(resp.json().get("errMsg").asText()).isEqualTo("order is completed");
    }

    @Test
    void stopLossWaitsForItsTrigger() {
        Map<String, String> fields = placeFields("nse_fo", NIFTY_PE, "S", "65", "SL", "99", "NRML", "sl1");
        fields.put("tp", "100");
        String orderNo = client.placeOk(session, fields);
        assertThat(fake.orders("AB123").getFirst().status()).isEqualTo("trigger pending");
        fake.setLtp("56526", new BigDecimal("100.5"));
        assertThat(fake.orders("AB123").getFirst().status()).isEqualTo("trigger pending");
        fake.setLtp("56526", new BigDecimal("99.95"));
        FakeOrder order = fake.orders("AB123").getFirst();
        assertThat(order.status()).isEqualTo("complete");
        assertThat(order.avgPrice()).isEqualByComparingTo("99");
        assertThat(fake.orderStatusHistory("AB123", orderNo))
                .containsSubsequence("trigger pending", "open", "complete");
    }

    @Test
    void iocLimitThatCannotFillIsCancelled() {
        Map<String, String> fields = buyNifty("65", "L", "100");
        fields.put("rt", "IOC");
        client.placeOk(session, fields);
        assertThat(fake.orders("AB123").getFirst().status()).isEqualTo("cancelled");
    }

    @Test
    void positionsNetBuysAndSellsPerSymbol() {
        client.placeOk(session, buyNifty("130", "MKT", "0"));
        fake.setLtp("56526", new BigDecimal("130"));
        client.placeOk(session, placeFields("nse_fo", NIFTY_PE, "S", "65", "MKT", "0", "NRML", null));
        JsonNode position =
                client.get(session, "/quick/user/positions").json().get("data").get(0);
        assertThat(position.get("flBuyQty").asText()).isEqualTo("130");
        assertThat(position.get("flSellQty").asText()).isEqualTo("65");
        assertThat(position.get("buyAmt").asText()).isEqualTo("15665.00");
        assertThat(position.get("sellAmt").asText()).isEqualTo("8450.00");
        assertThat(limits().get("MarginUsed").asText()).isEqualTo("7215.00");
        assertThat(client.get(session, "/quick/user/trades").json().get("data")).hasSize(2);
    }

    @Test
    void cncEquityBuysShowAsHoldingsWithJsonNumbers() {
        client.placeOk(session, placeFields("nse_cm", "RELIANCE-EQ", "B", "2", "MKT", "0", "CNC", null));
        client.placeOk(session, buyNifty("65", "MKT", "0"));
        JsonNode holdings = client.get(session, "/portfolio/v1/holdings").json().get("data");
        assertThat(holdings).hasSize(1);
        JsonNode holding = holdings.get(0);
        assertThat(holding.get("symbol").asText()).isEqualTo("RELIANCE");
        assertThat(holding.get("exchangeIdentifier").asText()).isEqualTo("2885");
        assertThat(holding.get("quantity").isInt()).isTrue();
        assertThat(holding.get("quantity").asInt()).isEqualTo(2);
        assertThat(holding.get("averagePrice").isNumber()).isTrue();
        assertThat(holding.get("averagePrice").decimalValue()).isEqualByComparingTo("2900");
        assertThat(holding.get("instrumentToken").isInt()).isTrue();
    }

    @Test
    void setInitialCashDrivesLimits() {
        fake.setInitialCash("AB123", new BigDecimal("5000"));
        client.placeOk(session, buyNifty("65", "L", "50"));
        JsonNode limits = limits();
        assertThat(limits.get("CollateralValue").asText()).isEqualTo("5000.00");
        assertThat(limits.get("MarginUsed").asText()).isEqualTo("3250.00");
        assertThat(limits.get("Net").asText()).isEqualTo("1750.00");
    }

    @Test
    void numericJDataValuesAreRejected() {
        Resp resp = client.post(
                session,
                "/quick/order/rule/ms/place",
                "{\"am\": \"NO\", \"es\": \"nse_fo\", \"pc\": \"NRML\", \"pr\": \"0\", \"pt\": \"MKT\", "
                        + "\"qt\": 65, \"rt\": \"DAY\", \"tp\": \"0\", \"ts\": \"" + NIFTY_PE
                        + "\", \"tt\": \"B\"}");
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.json().get("stat").asText()).isEqualTo("Not_Ok");
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(1002);
        assertThat(fake.orders("AB123")).isEmpty();

        Resp bool = client.post(session, "/quick/user/limits", "{\"seg\": \"ALL\", \"exch\": \"ALL\", \"prod\": true}");
        assertThat(bool.json().get("stCode").asInt()).isEqualTo(1002);
    }

    @Test
    void triggerPriceZeroPointZeroIsRejected() {
        Map<String, String> fields = buyNifty("65", "MKT", "0");
        fields.put("tp", "0.0");
        Resp resp = client.place(session, fields);
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(1002);
        assertThat(fake.orders("AB123")).isEmpty();
    }

    @Test
    void placeValidation() {
        Map<String, String> unknownSymbol = buyNifty("65", "MKT", "0");
        unknownSymbol.put("ts", "NIFTY99XXX");
        assertThat(client.place(session, unknownSymbol).json().get("stCode").asInt())
                .isEqualTo(1007);
        assertThat(client.place(session, unknownSymbol).json().get("emsg").asText())
                .isEqualTo("Invalid symbol");

        Resp notALot = client.place(session, buyNifty("64", "MKT", "0"));
        assertThat(notALot.json().get("stCode").asInt()).isEqualTo(1009);
        assertThat(client.place(session, buyNifty("0", "MKT", "0"))
                        .json()
                        .get("stCode")
                        .asInt())
                .isEqualTo(1009);

        Map<String, String> missing = buyNifty("65", "MKT", "0");
        missing.remove("rt");
        Resp missingResp = client.place(session, missing);
        assertThat(missingResp.json().get("stCode").asInt()).isEqualTo(1002);
        assertThat(missingResp.json().get("emsg").asText()).contains("rt");

        Resp zeroLimit = client.place(session, buyNifty("65", "L", "0"));
        assertThat(zeroLimit.json().get("stCode").asInt()).isEqualTo(1002);

        Resp notForm = client.execute(new Request.Builder()
                .url(session.baseUrl() + "/quick/order/rule/ms/place")
                .header("Sid", session.sid())
                .header("Auth", session.token())
                .post(RequestBody.create(KotakTestClient.pythonJson(buyNifty("65", "MKT", "0")), KotakTestClient.JSON))
                .build());
        assertThat(notForm.json().get("stCode").asInt()).isEqualTo(1002);
        assertThat(fake.orders("AB123")).isEmpty();
    }

    @Test
    void acceptsEveryObservedBodyEncodingAndOptionalAuthorization() {
        // openalgo: spaces as %20
        String json = KotakTestClient.pythonJson(buyNifty("65", "MKT", "0"));
        String percent20 =
                "jData=" + URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(client.postForm(session, "/quick/order/rule/ms/place", percent20)
                        .json()
                        .get("stat")
                        .asText())
                .isEqualTo("Ok");
        // Postman: compact JSON
        String compact = "{\"am\":\"NO\",\"dq\":\"0\",\"es\":\"nse_cm\",\"mp\":\"0\",\"pc\":\"CNC\","
                + "\"pr\":\"9.5\",\"pt\":\"L\",\"qt\":\"1\",\"rt\":\"DAY\",\"tp\":\"0\","
                + "\"ts\":\"IDEA-EQ\",\"tt\":\"B\",\"os\":\"NEOTRADEAPI\"}";
        assertThat(client.post(session, "/quick/order/rule/ms/place", compact)
                        .json()
                        .get("stat")
                        .asText())
                .isEqualTo("Ok");
        // v3: Authorization: <consumer key> in addition, v2: "?sId=" query
        Resp v3 = client.execute(new Request.Builder()
                .url(session.baseUrl() + "/quick/order/rule/ms/place?sId=")
                .header("Sid", session.sid())
                .header("Auth", session.token())
                .header("Authorization", user.consumerKey())
                .post(RequestBody.create(KotakTestClient.form(json), KotakTestClient.FORM))
                .build());
        assertThat(v3.json().get("stat").asText()).isEqualTo("Ok");
        assertThat(fake.orders("AB123")).hasSize(3);

        RecordedCall last = fake.requestsTo("/quick/order/rule/ms/place").getLast();
        assertThat(last.path()).isEqualTo("/gw/e43/quick/order/rule/ms/place");
        assertThat(last.query()).isEqualTo("sId=");
        assertThat(last.rawJData()).isEqualTo(json);
        assertThat(last.jData().get("qt").asText()).isEqualTo("65");
        assertThat(last.header("SID")).isEqualTo(session.sid());
        assertThat(last.headers()).containsKey("auth");
    }

    @Test
    void concurrentOrdersAreAllRecordedWithUniqueNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String tag = "t" + i;
                futures.add(pool.submit(() ->
                        client.placeOk(session, placeFields("nse_cm", "IDEA-EQ", "B", "1", "L", "9", "CNC", tag))));
            }
            HashSet<String> numbers = new HashSet<>();
            for (Future<String> future : futures) {
                numbers.add(future.get());
            }
            assertThat(numbers).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fake.orders("AB123")).hasSize(40);
        assertThat(fake.requestsTo("/quick/order/rule/ms/place")).hasSize(40);
        assertThat(limits().get("MarginUsed").asText()).isEqualTo("360.00");
    }

    private JsonNode limits() {
        Resp resp =
                client.post(session, "/quick/user/limits", "{\"seg\": \"ALL\", \"exch\": \"ALL\", \"prod\": \"ALL\"}");
        assertThat(resp.status()).isEqualTo(200);
        return resp.json();
    }
}
