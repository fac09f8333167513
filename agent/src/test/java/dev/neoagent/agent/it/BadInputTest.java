package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input ends FAILED with a message naming the field and the problem, reaches the broker zero
 * times, and the agent keeps serving. One agent serves the whole matrix (each case its own user).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String LEG = "{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
            + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}";

    @TempDir
    static Path home;

    private AgentHarness h;
    private int users;

    @BeforeAll
    void start() {
        h = new AgentHarness(home);
        for (int i = 0; i < 30; i++) {
            h.addUser("bad" + i);
        }
        h.addUser("halted");
        h.startAgent();
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private synchronized String nextUser() {
        return "bad" + users++;
    }

    private String placeSingle(String uid, String payload) {
        h.hset(uid, "PLACE_SINGLE", "requested", "SINGLE_LEG", payload, "STATUS_SINGLE", "PROCESSING");
        h.awaitField(uid, "STATUS_SINGLE", "FAILED");
        assertThat(h.hget(uid, "PLACE_SINGLE")).isEqualTo("fetched");
        assertThat(h.hget(uid, "RESULT_SINGLE")).contains("\"outcome\": \"DENIED\"");
        return h.hget(uid, "MSG_SINGLE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON          | [{"Index": "NIFTY", "Qty": 65,                                  | SINGLE_LEG is not valid JSON
            not a list              | {"Index": "NIFTY"}                                             | SINGLE_LEG must be a JSON list of legs
            empty list              | []                                                             | SINGLE_LEG is an empty list
            unknown index           | [{"Index": "FOO", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | Index FOO is not in the instrument master (loaded: BANKNIFTY, NIFTY)
            strike not in master    | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26025, "OptionType": "CE"}] | Strike 26025 CE is not in the instrument master for NIFTY 2026-01-27
            expiry not loaded       | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-02-03", "Strike": 26000, "OptionType": "CE"}] | Expiry 2026-02-03 is not a loaded NIFTY expiry
            expired expiry          | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-13", "Strike": 26000, "OptionType": "CE"}] | Expiry 2026-01-13 has passed
            qty not a lot multiple  | [{"Index": "NIFTY", "Qty": 100, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | Qty 100 is not a multiple of lot size 65 for NIFTY26JAN26000CE
            negative qty            | [{"Index": "NIFTY", "Qty": -65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | leg 0: Qty must be greater than 0, got -65
            zero qty                | [{"Index": "NIFTY", "Qty": 0, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | leg 0: Qty must be greater than 0, got 0
            fractional qty          | [{"Index": "NIFTY", "Qty": 65.5, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | leg 0: Qty must be a whole number of units, got 65.5
            LIMIT without price     | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE", "ExecutionType": "LIMIT"}] | leg 0: LimitPrice is required for a LIMIT order
            price off the tick grid | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE", "ExecutionType": "LIMIT", "LimitPrice": 120.53}] | LimitPrice 120.53 is not on the tick grid of 0.05 for NIFTY26JAN26000CE
            bad side                | [{"Index": "NIFTY", "Qty": 65, "Side": " ", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | leg 0: Side is missing
            bad option type         | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "XX"}] | leg 0: OptionType must be CE or PE, got 'XX'
            bad date                | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "27-01-2026", "Strike": 26000, "OptionType": "CE"}] | leg 0: Expiry must be a date YYYY-MM-DD, got '27-01-2026'
            wrong token             | [{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE", "exchangeInstrumentID": 58809}] | exchangeInstrumentID 58809 does not match NIFTY26JAN26000CE (token 58801)
            too many lots           | [{"Index": "NIFTY", "Qty": 3315, "Side": "BUY", "Expiry": "2026-01-27", "Strike": 26000, "OptionType": "CE"}] | Qty 3315 is 51 lots of NIFTY26JAN26000CE, above this user's limit of 50 lots (max_lots_per_order)
            """)
    void deniedBeforeAnyBrokerCall(String name, String payload, String expected) {
        String uid = nextUser();
        int before = h.placeCalls();

        String message = placeSingle(uid, payload);

        assertThat(message).contains(expected);
        assertThat(h.placeCalls()).as("orders sent for " + name).isEqualTo(before);
    }

    @Test
    void missingPayloadIsNamed() {
        String uid = nextUser();
        h.hset(uid, "PLACE_MULTI", "requested", "STATUS_MULTI", "PROCESSING");
        h.awaitField(uid, "STATUS_MULTI", "FAILED");
        assertThat(h.hget(uid, "MSG_MULTI")).isEqualTo("MULTI_LEGS is missing");
    }

    @Test
    void haltedUserAndGlobalHaltAreDeniedAndClearingResumes() {
        h.hset("halted", "TRADING_HALTED", "1");
        int before = h.placeCalls();
        h.hset("halted", "PLACE_SINGLE", "requested", "SINGLE_LEG", "[" + LEG + "]", "STATUS_SINGLE", "PROCESSING");
        h.awaitField("halted", "STATUS_SINGLE", "FAILED");
        assertThat(h.hget("halted", "MSG_SINGLE")).contains("trading is halted for this user (TRADING_HALTED=1)");

        h.redis.hdel("halted", "TRADING_HALTED");
        h.redis.set("NEO_HALT", "1");
        h.hset("halted", "PLACE_SINGLE", "requested", "SINGLE_LEG", "[" + LEG + "]", "STATUS_SINGLE", "PROCESSING");
        h.awaitField("halted", "MSG_SINGLE", "trading is halted for all users (NEO_HALT=1); no order was sent");
        assertThat(h.placeCalls()).isEqualTo(before);

        h.redis.del("NEO_HALT");
        h.hset("halted", "PLACE_SINGLE", "requested", "SINGLE_LEG", "[" + LEG + "]", "STATUS_SINGLE", "PROCESSING");
        h.awaitField("halted", "STATUS_SINGLE", "SUCCESS");
    }

    @Test
    void theAgentKeepsServingAfterBadInput() {
        String uid = nextUser();
        placeSingle(uid, "not json at all");
        h.hset(uid, "PLACE_SINGLE", "requested", "SINGLE_LEG", "[" + LEG + "]", "STATUS_SINGLE", "PROCESSING");
        h.awaitField(uid, "STATUS_SINGLE", "SUCCESS");
    }

    @Test
    void badEquityAndSquareOffPayloads() {
        String uid = nextUser();
        h.hset(
                uid,
                "PLACE_EQUITY",
                "requested",
                "EQUITY_ORDER",
                "{\"symbol\": \"NOSUCH\", \"side\": \"BUY\", "
                        + "\"qty\": 1, \"product\": \"CNC\", \"order_type\": \"MARKET\"}",
                "STATUS_EQUITY",
                "PROCESSING");
        h.awaitField(uid, "PLACE_EQUITY", "fetched");
        assertThat(h.hget(uid, "STATUS_EQUITY"))
                .isEqualTo("FAILED: EQUITY_ORDER: symbol NOSUCH is not in the instrument master (NSE EQ/BE series)");

        h.hset(uid, "SQUAREOFF_REQUEST", "[{\"Quantity\": 65, \"Side\": \"SELL\"}]", "SQUAREOFF_STATUS", "REQUESTED");
        h.awaitField(uid, "SQUAREOFF_STATUS", "FAILED");
        assertThat(h.hget(uid, "SQUAREOFF_MESSAGE")).isEqualTo("position 0: exchangeInstrumentID is missing");
    }
}
