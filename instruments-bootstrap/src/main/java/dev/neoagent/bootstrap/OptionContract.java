package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An index option, e.g. {@code nse_fo|58801 NIFTY26JAN26000CE}: NIFTY, expiry 2026-01-27, CE, strike 26000,
 * lot 65, tick 0.05, freeze 1801.
 *
 * @param strike in rupees, kept without trailing zeros so equal strikes compare equal
 */
record OptionContract(
        Segment segment,
        InstrumentToken token,
        TradingSymbol tradingSymbol,
        String name,
        LocalDate expiry,
        OptionType optionType,
        BigDecimal strike,
        long lotSize,
        BigDecimal tick,
        long freezeQty)
        implements Contract {

    OptionContract {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tradingSymbol, "tradingSymbol");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(optionType, "optionType");
        Objects.requireNonNull(strike, "strike");
        if (segment == Segment.NSE_CM || segment == Segment.BSE_CM) {
            throw new IllegalArgumentException(
                    "an option cannot be in cash segment " + InstrumentKeys.segmentCode(segment));
        }
        Contract.checkSymbolText(name, "underlying");
        if (name.indexOf('_') >= 0) {
            // '_' separates the parts of the NEO_INSTR_OPT field; a UI splitting it would misread the key.
            throw new IllegalArgumentException("underlying '" + name + "' contains '_'");
        }
        Contract.checkSymbolText(tradingSymbol.value(), "trading symbol");
        if (strike.signum() <= 0) {
            throw new IllegalArgumentException("strike must be positive, was " + strike);
        }
        strike = strike.stripTrailingZeros();
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
                Optional.of(expiry),
                Optional.of(strike),
                Optional.of(optionType),
                Math.toIntExact(lotSize),
                tick,
                Math.toIntExact(freezeQty));
    }

    /** {@code NIFTY_2026-01-27_CE_26000}. */
    @Override
    public String lookupField() {
        return InstrumentKeys.optionField(name, expiry, optionType.name(), strike);
    }
}
