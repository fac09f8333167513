package dev.neoagent.agent.it;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;

/**
 * A small instrument master in the exact format of redis-contract.md §1, for the fake broker's
 * instruments (FakeKotakServer registers the same tokens and symbols), plus one expired contract.
 */
final class TestInstruments {
    private TestInstruments() {}

    static void load(RedisCommands<String, String> redis) {
        redis.hset(
                "NEO_INSTR_OPT",
                Map.of(
                        "NIFTY_2026-01-27_CE_26000", "58801",
                        "NIFTY_2026-09-22_PE_21000", "56526",
                        "BANKNIFTY_2026-01-27_PE_60000", "61234",
                        "NIFTY_2026-01-13_CE_26000", "58700"));
        redis.hset(
                "NEO_INSTR_META",
                Map.of(
                        "nse_fo|58801",
                                "{\"tsym\": \"NIFTY26JAN26000CE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", "
                                        + "\"expiry\": \"2026-01-27\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, "
                                        + "\"tick\": \"0.05\", \"freeze\": 1801}",
                        "nse_fo|56526",
                                "{\"tsym\": \"NIFTY2692221000PE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", "
                                        + "\"expiry\": \"2026-09-22\", \"strike\": \"21000\", \"opt\": \"PE\", \"lot\": 65, "
                                        + "\"tick\": \"0.05\", \"freeze\": 1801}",
                        "nse_fo|61234",
                                "{\"tsym\": \"BANKNIFTY26JAN60000PE\", \"seg\": \"nse_fo\", \"name\": \"BANKNIFTY\", "
                                        + "\"expiry\": \"2026-01-27\", \"strike\": \"60000\", \"opt\": \"PE\", \"lot\": 30, "
                                        + "\"tick\": \"0.05\", \"freeze\": 601}",
                        "nse_fo|58700",
                                "{\"tsym\": \"NIFTY26JAN13C26000\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", "
                                        + "\"expiry\": \"2026-01-13\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, "
                                        + "\"tick\": \"0.05\", \"freeze\": 1801}",
                        "nse_cm|2885",
                                "{\"tsym\": \"RELIANCE-EQ\", \"seg\": \"nse_cm\", \"name\": \"RELIANCE\", \"lot\": 1, "
                                        + "\"tick\": \"0.05\", \"freeze\": 0}",
                        "nse_cm|14366",
                                "{\"tsym\": \"IDEA-EQ\", \"seg\": \"nse_cm\", \"name\": \"IDEA\", \"lot\": 1, "
                                        + "\"tick\": \"0.01\", \"freeze\": 0}"));
        redis.hset("NEO_INSTR_EQ", Map.of("RELIANCE", "2885", "IDEA", "14366"));
        redis.hset(
                "NEO_INSTR_EXPIRIES",
                Map.of(
                        "NIFTY", "[\"2026-01-13\", \"2026-01-27\", \"2026-09-22\"]",
                        "BANKNIFTY", "[\"2026-01-27\"]"));
        redis.hset("NEO_INSTR_INFO", Map.of("loaded_at", "2026-01-20T08:00:00+05:30", "opt_count", "4"));
    }
}
