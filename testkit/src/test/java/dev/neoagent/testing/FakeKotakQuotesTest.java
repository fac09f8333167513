package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.KotakTestClient.Resp;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeKotakQuotesTest {
    private static final String QUOTES = "/script-details/1.0/quotes/neosymbol/";

    private FakeKotakServer fake;
    private KotakTestClient client;
    private FakeUser user;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        client = new KotakTestClient(fake);
        user = fake.addUser("AB123");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void v2EncodingUnderThePrefixReturnsAnArray() {
        // v2 SDK: %7C / %2C / %20 and the double slash after the base URL
        Resp resp = client.getWithKey(
                fake.baseUrl() + "/" + QUOTES + "nse_cm%7C2885%2Cnse_cm%7CNifty%2050/all", user.consumerKey());
        assertThat(resp.status()).isEqualTo(200);
        JsonNode quotes = resp.json();
        assertThat(quotes.isArray()).isTrue();
        assertThat(quotes).hasSize(2);

        JsonNode equity = quotes.get(0);
        assertThat(equity.get("exchange_token").asText()).isEqualTo("2885");
        assertThat(equity.get("display_symbol").asText()).isEqualTo("RELIANCE-EQ");
        assertThat(equity.get("exchange").asText()).isEqualTo("nse_cm");
        assertThat(equity.get("ltp").asText()).isEqualTo("2900.0000");
        assertThat(equity.get("lstup_time").asText()).matches("\\d{10}");
        assertThat(equity.get("ohlc").get("close").asText()).isEqualTo("2900.0000");
        assertThat(equity.get("depth").get("buy")).hasSize(5);
        assertThat(equity.get("depth").get("sell")).hasSize(5);
        assertThat(equity.get("depth").get("buy").get(0).get("price").isTextual())
                .isTrue();
        for (String field : new String[] {
            "last_traded_quantity",
            "total_buy",
            "total_sell",
            "last_volume",
            "change",
            "per_change",
            "year_high",
            "year_low"
        }) {
            assertThat(equity.get(field).isTextual()).as(field).isTrue();
        }

        JsonNode index = quotes.get(1);
        assertThat(index.get("exchange_token").asText()).isEqualTo("Nifty 50");
        assertThat(index.get("ltp").asText()).isEqualTo("25980.3500");
        assertThat(index.get("last_volume").asText()).isEqualTo("0");
    }

    @Test
    void literalBarsAndCommasAtTheRootBeforeLogin() {
        Resp resp = client.rawGet(QUOTES + "nse_fo|56526,nse_cm|Nifty%20Bank/ltp", user.consumerKey());
        assertThat(resp.status()).isEqualTo(200);
        JsonNode quotes = resp.json();
        assertThat(quotes).hasSize(2);
        assertThat(quotes.get(0).get("ltp").asText()).isEqualTo("120.5000");
        assertThat(quotes.get(1).get("exchange_token").asText()).isEqualTo("Nifty Bank");
        assertThat(quotes.get(1).get("ltp").asText()).isEqualTo("59120.1000");
        // the ltp filter keeps only identity fields and the price
        assertThat(quotes.get(0).has("depth")).isFalse();
        assertThat(fake.requests().getLast().path()).contains("nse_fo|56526,nse_cm|Nifty%20Bank");
    }

    @Test
    void quotesFollowSetLtpAndSetIndexQuote() {
        fake.setLtp("14366", new BigDecimal("10.01"));
        fake.setIndexQuote("bse_cm", "SENSEX", new BigDecimal("81809.34"));
        fake.addInstrument("nse_fo", "70000", "NIFTY26FEBFUT", 65, new BigDecimal("26100"));
        JsonNode quotes = client.getWithKey(
                        fake.baseUrl() + QUOTES + "nse_cm%7C14366%2Cbse_cm%7CSENSEX%2Cnse_fo%7C70000/all",
                        user.consumerKey())
                .json();
        assertThat(quotes.get(0).get("ltp").asText()).isEqualTo("10.0100");
        assertThat(quotes.get(0).get("change").asText()).isEqualTo("0.6200");
        assertThat(quotes.get(1).get("display_symbol").asText()).isEqualTo("SENSEX-IN");
        assertThat(quotes.get(1).get("ltp").asText()).isEqualTo("81809.3400");
        assertThat(quotes.get(2).get("ltp").asText()).isEqualTo("26100.0000");
    }

    @Test
    void unknownInstrumentIsAnErrorObject() {
        Resp resp = client.getWithKey(fake.baseUrl() + QUOTES + "nse_cm%7C2885%2Cnse_cm%7C999/all", user.consumerKey());
        assertThat(resp.status()).isEqualTo(200);
        JsonNode error = resp.json();
        assertThat(error.isObject()).isTrue();
        assertThat(error.get("stat").asText()).isEqualTo("Not_Ok");
        assertThat(error.get("emsg").asText()).isEqualTo("Invalid instrument/code");
        assertThat(error.get("stCode").asInt()).isEqualTo(1009);
    }

    @Test
    void indexNamesAreCaseSensitive() {
        Resp resp = client.getWithKey(fake.baseUrl() + QUOTES + "nse_cm%7CNIFTY%2050/ltp", user.consumerKey());
        assertThat(resp.json().isObject()).isTrue();
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(1009);
    }

    @Test
    void quotesNeedAKnownConsumerKeyButNoSession() {
        Resp none = client.getWithKey(fake.loginUrl() + QUOTES + "nse_cm%7C2885/ltp", null);
        assertThat(none.status()).isEqualTo(401);
        Resp wrong = client.getWithKey(fake.loginUrl() + QUOTES + "nse_cm%7C2885/ltp", "nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("emsg").asText()).isEqualTo("Invalid consumer key");

        // a dead trade session does not matter for quotes
        client.login(user);
        fake.expireSessions(FakeKotakServer.SessionExpiry.HTTP_401);
        assertThat(client.getWithKey(fake.baseUrl() + QUOTES + "nse_cm%7C2885/ltp", user.consumerKey())
                        .status())
                .isEqualTo(200);
    }
}
