package dev.neoagent.agent.report;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link InstrumentLookup} filled with {@code NEO_INSTR_META}-style JSON. */
final class FakeInstruments implements InstrumentLookup {
    static final String NIFTY_CE_TOKEN = "58801";
    static final String BANKNIFTY_PE_TOKEN = "60123";
    static final String RELIANCE_TOKEN = "2885";

    private final Map<String, InstrumentMeta> byToken = new HashMap<>();
    private final Map<String, InstrumentMeta> bySymbol = new HashMap<>();

    /** NIFTY 27JAN2026 CE 26000, BANKNIFTY 27JAN2026 PE 59500 and RELIANCE-EQ. */
    static FakeInstruments standard() {
        return new FakeInstruments()
                .add(
                        NIFTY_CE_TOKEN,
                        "{\"tsym\": \"NIFTY26JAN26000CE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", "
                                + "\"expiry\": \"2026-01-27\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, "
                                + "\"tick\": \"0.05\", \"freeze\": 1801}")
                .add(
                        BANKNIFTY_PE_TOKEN,
                        "{\"tsym\": \"BANKNIFTY26JAN59500PE\", \"seg\": \"nse_fo\", "
                                + "\"name\": \"BANKNIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"59500.00\", "
                                + "\"opt\": \"PE\", \"lot\": 30, \"tick\": \"0.05\", \"freeze\": 601}")
                .add(
                        RELIANCE_TOKEN,
                        "{\"tsym\": \"RELIANCE-EQ\", \"seg\": \"nse_cm\", \"name\": \"RELIANCE\", "
                                + "\"lot\": 1, \"tick\": \"0.10\", \"freeze\": 0}");
    }

    FakeInstruments add(String token, String json) {
        InstrumentMeta meta = InstrumentMeta.parse(new InstrumentToken(token), json);
        byToken.put(InstrumentKeys.segmentCode(meta.segment()) + "|" + token, meta);
        bySymbol.put(meta.tradingSymbol().value(), meta);
        return this;
    }

    @Override
    public Optional<InstrumentMeta> byToken(Segment segment, InstrumentToken token) {
        return Optional.ofNullable(byToken.get(InstrumentKeys.segmentCode(segment) + "|" + token.value()));
    }

    @Override
    public Optional<InstrumentMeta> byTradingSymbol(TradingSymbol symbol) {
        return Optional.ofNullable(bySymbol.get(symbol.value()));
    }
}
