package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A cash-market scrip of series EQ or BE, e.g. {@code nse_cm|2885 RELIANCE-EQ}: name RELIANCE, lot 1.
 *
 * @param series the scrip master's {@code pGroup}
 */
record CashContract(
        Segment segment,
        InstrumentToken token,
        TradingSymbol tradingSymbol,
        String name,
        String series,
        long lotSize,
        BigDecimal tick,
        long freezeQty)
        implements Contract {

    /** The series the contract's {@code NEO_INSTR_EQ} covers. */
    static final Set<String> SERIES = Set.of("EQ", "BE");

    CashContract {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tradingSymbol, "tradingSymbol");
        if (segment != Segment.NSE_CM && segment != Segment.BSE_CM) {
            throw new IllegalArgumentException(
                    "a cash scrip cannot be in segment " + InstrumentKeys.segmentCode(segment));
        }
        Contract.checkSymbolText(name, "symbol name");
        if (!SERIES.contains(series)) {
            throw new IllegalArgumentException("series '" + series + "' is not one of " + SERIES);
        }
        // Orders are sent with the trading symbol while UIs look the scrip up by name: they must agree.
        if (!tradingSymbol.value().equals(name + "-" + series)) {
            throw new IllegalArgumentException("trading symbol '" + tradingSymbol + "' is not " + name + "-" + series);
        }
        Contract.checkPositive(lotSize, "lot size");
        tick = Contract.checkTick(tick);
        Contract.checkPositive(freezeQty, "freeze quantity");
    }

    @Override
    public InstrumentMeta meta() {
        return new InstrumentMeta(
                token,
                tradingSymbol,
                segment,
                name,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Math.toIntExact(lotSize),
                tick,
                Math.toIntExact(freezeQty));
    }

    /** {@code RELIANCE}. */
    @Override
    public String lookupField() {
        return name;
    }
}
