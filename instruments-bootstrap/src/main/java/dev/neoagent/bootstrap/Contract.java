package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One tradable contract as loaded into Redis. Implementations validate themselves in their compact
 * constructors, so a contract that exists is safe to publish.
 */
sealed interface Contract permits OptionContract, CashContract {

    /** Exchange names and trading symbols are printable ASCII without spaces in every real file. */
    Pattern SYMBOL_TEXT = Pattern.compile("[\\x21-\\x7E]+");

    Segment segment();

    InstrumentToken token();

    TradingSymbol tradingSymbol();

    /** Underlying ({@code NIFTY}) or cash symbol ({@code RELIANCE}). */
    String name();

    /** Units per lot; an order quantity must be a multiple of it. */
    long lotSize();

    /** Price step in rupees, at least two decimals ({@code 0.05}). */
    BigDecimal tick();

    /** Exchange freeze quantity in units, as the scrip master gives it. */
    long freezeQty();

    /** The {@link InstrumentKeys#INSTR_OPT} or {@link InstrumentKeys#INSTR_EQ} field this contract is found under. */
    String lookupField();

    /** The {@link InstrumentKeys#INSTR_META} field, {@code nse_fo|58801}. */
    default String metaField() {
        return InstrumentKeys.metaField(segment(), token().value());
    }

    /** The contract as {@link InstrumentKeys#INSTR_META} holds it. */
    InstrumentMeta meta();

    /** The {@link InstrumentKeys#INSTR_META} value ({@link InstrumentMeta#toJson()}). */
    default String metaJson() {
        return meta().toJson();
    }

    static String checkSymbolText(String value, String what) {
        if (value == null || !SYMBOL_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + (value == null ? "null" : ScripNumbers.printable(value))
                    + "' is not printable ASCII without spaces");
        }
        return value;
    }

    static BigDecimal checkTick(BigDecimal tick) {
        if (tick == null || tick.signum() <= 0) {
            throw new IllegalArgumentException("tick must be positive, was " + tick);
        }
        // One canonical form, so equal contracts compare equal and the JSON always shows "0.05"/"0.10".
        return tick.scale() < 2 ? tick.setScale(2) : tick;
    }

    static long checkPositive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
