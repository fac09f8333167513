package dev.neoagent.app.soak;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.testing.FakeKotakServer;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's instruments: NIFTY and BANKNIFTY options of one far expiry (the agent runs on the real clock, so an
 * expiry in the past would deny every order) and two equities, registered at the fake broker and written to Redis as
 * the bootstrap writes its master (redis-contract.md §1). After a Redis restart the master is written again, as the
 * operator's bootstrap run would.
 */
final class SoakMarket {
    static final String EXPIRY = "2099-12-29";
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter LOADED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** An option contract as the UI names it (index, expiry, strike, CE/PE) and as the broker knows it. */
    record Option(
            String index, int strike, String optionType, String token, String tradingSymbol, int lot, BigDecimal ltp) {
        String masterField() {
            return index + "_" + EXPIRY + "_" + optionType + "_" + strike;
        }

        String meta() {
            return "{\"tsym\": \"" + tradingSymbol + "\", \"seg\": \"nse_fo\", \"name\": \"" + index
                    + "\", \"expiry\": \"" + EXPIRY + "\", \"strike\": \"" + strike + "\", \"opt\": \"" + optionType
                    + "\", \"lot\": " + lot + ", \"tick\": \"0.05\", \"freeze\": " + (lot * 27 + 46) + "}";
        }
    }

    /** A cash-market share. */
    record Equity(String symbol, String token, String tradingSymbol, String tick, BigDecimal ltp) {
        String meta() {
            return "{\"tsym\": \"" + tradingSymbol + "\", \"seg\": \"nse_cm\", \"name\": \"" + symbol
                    + "\", \"lot\": 1, \"tick\": \"" + tick + "\", \"freeze\": 0}";
        }
    }

    final List<Option> options = new ArrayList<>();
    final List<Equity> equities = List.of(
            new Equity("RELIANCE", "2885", "RELIANCE-EQ", "0.05", new BigDecimal("2900.00")),
            new Equity("IDEA", "14366", "IDEA-EQ", "0.01", new BigDecimal("9.39")));

    SoakMarket() {
        int token = 70001;
        for (int strike : new int[] {25800, 26000, 26200}) {
            for (String type : new String[] {"CE", "PE"}) {
                options.add(new Option(
                        "NIFTY",
                        strike,
                        type,
                        Integer.toString(token++),
                        "NIFTY99DEC" + strike + type,
                        65,
                        new BigDecimal(80 + (strike - 25800) / 10 + (type.equals("CE") ? 0 : 15) + ".50")));
            }
        }
        token = 71001;
        for (int strike : new int[] {59000, 59500}) {
            for (String type : new String[] {"CE", "PE"}) {
                options.add(new Option(
                        "BANKNIFTY",
                        strike,
                        type,
                        Integer.toString(token++),
                        "BANKNIFTY99DEC" + strike + type,
                        30,
                        new BigDecimal(250 + (strike - 59000) / 10 + (type.equals("CE") ? 0 : 20) + ".00")));
            }
        }
    }

    /** The broker's side: every contract tradable at its last price (RELIANCE and IDEA are the fake's defaults). */
    void register(FakeKotakServer kotak) {
        for (Option option : options) {
            kotak.addInstrument("nse_fo", option.token(), option.tradingSymbol(), option.lot(), option.ltp());
        }
    }

    /** Writes the instrument master as the bootstrap does, with a new load time. */
    void loadMaster(RedisCommands<String, String> redis) {
        Map<String, String> opt = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (Option option : options) {
            opt.put(option.masterField(), option.token());
            meta.put("nse_fo|" + option.token(), option.meta());
        }
        Map<String, String> eq = new LinkedHashMap<>();
        for (Equity equity : equities) {
            eq.put(equity.symbol(), equity.token());
            meta.put("nse_cm|" + equity.token(), equity.meta());
        }
        redis.hset(InstrumentKeys.INSTR_OPT, opt);
        redis.hset(InstrumentKeys.INSTR_META, meta);
        redis.hset(InstrumentKeys.INSTR_EQ, eq);
        redis.hset(
                InstrumentKeys.INSTR_EXPIRIES,
                Map.of("NIFTY", "[\"" + EXPIRY + "\"]", "BANKNIFTY", "[\"" + EXPIRY + "\"]"));
        redis.hset(
                InstrumentKeys.INSTR_INFO,
                Map.of(
                        InstrumentKeys.INFO_LOADED_AT,
                        OffsetDateTime.now(IST).format(LOADED_AT),
                        InstrumentKeys.INFO_SOURCE,
                        "soak test",
                        InstrumentKeys.INFO_OPT_COUNT,
                        Integer.toString(options.size()),
                        InstrumentKeys.INFO_EQ_COUNT,
                        Integer.toString(equities.size())));
    }
}
