package dev.neoagent.broker.paper;

import dev.neoagent.broker.kotak.KotakCodes;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory instrument master with a few January 2026 contracts, in the {@code NEO_INSTR_META} shape. */
final class TestInstruments implements InstrumentLookup {
    /** Tuesday 20 Jan 2026, 10:00 IST: a week before the contracts' 27 Jan expiry. */
    static final Instant MORNING = Instant.parse("2026-01-20T04:30:00Z");

    static final InstrumentMeta NIFTY_CE = meta(
            "58801",
            "{\"tsym\": \"NIFTY26JAN26000CE\", \"seg\": \"nse_fo\", "
                    + "\"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, "
                    + "\"tick\": \"0.05\", \"freeze\": 1801}");
    static final InstrumentMeta NIFTY_PE = meta(
            "58802",
            "{\"tsym\": \"NIFTY26JAN26000PE\", \"seg\": \"nse_fo\", "
                    + "\"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"26000\", \"opt\": \"PE\", \"lot\": 65, "
                    + "\"tick\": \"0.05\", \"freeze\": 1801}");
    static final InstrumentMeta NIFTY_FAR_CE = meta(
            "58803",
            "{\"tsym\": \"NIFTY26JAN30000CE\", \"seg\": \"nse_fo\", "
                    + "\"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"30000\", \"opt\": \"CE\", \"lot\": 65, "
                    + "\"tick\": \"0.05\", \"freeze\": 1801}");
    static final InstrumentMeta BANKNIFTY_PE = meta(
            "61001",
            "{\"tsym\": \"BANKNIFTY26JAN59000PE\", \"seg\": \"nse_fo\", "
                    + "\"name\": \"BANKNIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"59000\", \"opt\": \"PE\", \"lot\": 30, "
                    + "\"tick\": \"0.05\", \"freeze\": 600}");
    static final InstrumentMeta NIFTY_FUT = meta(
            "52001",
            "{\"tsym\": \"NIFTY26JANFUT\", \"seg\": \"nse_fo\", "
                    + "\"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"lot\": 65, \"tick\": \"0.10\", \"freeze\": 1801}");
    static final InstrumentMeta RELIANCE = meta(
            "2885",
            "{\"tsym\": \"RELIANCE-EQ\", \"seg\": \"nse_cm\", "
                    + "\"name\": \"RELIANCE\", \"lot\": 1, \"tick\": \"0.05\", \"freeze\": 0}");

    private final Map<String, InstrumentMeta> byToken = new LinkedHashMap<>();

    TestInstruments() {
        for (InstrumentMeta meta :
                new InstrumentMeta[] {NIFTY_CE, NIFTY_PE, NIFTY_FAR_CE, BANKNIFTY_PE, NIFTY_FUT, RELIANCE}) {
            byToken.put(KotakCodes.segment(meta.segment()) + "|" + meta.token().value(), meta);
        }
    }

    private static InstrumentMeta meta(String token, String json) {
        return InstrumentMeta.parse(new InstrumentToken(token), json);
    }

    @Override
    public Optional<InstrumentMeta> byToken(Segment segment, InstrumentToken token) {
        return Optional.ofNullable(byToken.get(KotakCodes.segment(segment) + "|" + token.value()));
    }

    @Override
    public Optional<InstrumentMeta> byTradingSymbol(TradingSymbol symbol) {
        return byToken.values().stream()
                .filter(m -> m.tradingSymbol().equals(symbol))
                .findFirst();
    }
}
