package dev.neoagent.contract;

import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.Segment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The global instrument keys of the Redis contract ({@code shared/redis-contract.md} §1), written by the
 * instruments bootstrap and read by the agent and the UIs. Field-name builders live here too, so the writer
 * and every reader build {@code NIFTY_2026-01-27_CE_26000} the same way.
 */
public final class InstrumentKeys {

    /** Hash: {@code {INDEX}_{YYYY-MM-DD}_{CE|PE}_{STRIKE}} → instrument token. */
    public static final String INSTR_OPT = "NEO_INSTR_OPT";
    /** Hash: cash symbol ({@code RELIANCE}) → token, nse_cm series EQ and BE. */
    public static final String INSTR_EQ = "NEO_INSTR_EQ";
    /** Hash: {@code <segment>|<token>} → contract JSON (tsym, seg, name, expiry, strike, opt, lot, tick, freeze). */
    public static final String INSTR_META = "NEO_INSTR_META";
    /** Hash: underlying → JSON list of its loaded option expiries, ascending. */
    public static final String INSTR_EXPIRIES = "NEO_INSTR_EXPIRIES";
    /** Hash: what the last successful load did (fields {@code INFO_*}). */
    public static final String INSTR_INFO = "NEO_INSTR_INFO";
    /** Legacy copy of {@link #INSTR_OPT} for a UI still on the XTS names (bootstrap option only). */
    public static final String LEGACY_XTS_INSTR = "XTS_INSTR";
    /** Legacy copy of {@link #INSTR_EQ}. */
    public static final String LEGACY_XTS_INSTR_EQ = "XTS_INSTR_EQ";

    /** Every hash the bootstrap replaces by default, in the order it renames them. */
    public static final List<String> INSTRUMENT_HASHES =
            List.of(INSTR_OPT, INSTR_EQ, INSTR_META, INSTR_EXPIRIES, INSTR_INFO);

    public static final String INFO_LOADED_AT = "loaded_at";
    public static final String INFO_SOURCE = "source";
    public static final String INFO_ROWS_READ = "rows_read";
    public static final String INFO_OPT_COUNT = "opt_count";
    public static final String INFO_EQ_COUNT = "eq_count";
    public static final String INFO_REJECTED = "rejected";
    public static final String INFO_META_COUNT = "meta_count";
    public static final String INFO_SKIPPED = "skipped";
    public static final String INFO_DUPLICATES = "duplicates";
    public static final String INFO_UNDERLYINGS = "underlyings";
    /** {@code true} when a load refused by validation was forced in. */
    public static final String INFO_FORCED = "forced";
    /** What {@link #INFO_SOURCE} says of each file of a synthetic (paper) master: never a real one. */
    public static final String PAPER_SOURCE = "synthetic (paper)";

    private InstrumentKeys() {}

    /**
     * The {@link #INSTR_OPT} field of an option, e.g. {@code NIFTY_2026-01-27_CE_26000}.
     *
     * @param optionType {@code CE} or {@code PE}
     */
    public static String optionField(String underlying, LocalDate expiry, String optionType, BigDecimal strike) {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(optionType, "optionType");
        return underlying + '_' + expiry + '_' + optionType + '_' + strikeText(strike);
    }

    /**
     * A strike as the contract writes it: no decimals when whole ({@code 26000}, never {@code 26000.0} or
     * {@code 2.6E+4}), otherwise the plain decimal ({@code 26012.5}).
     */
    public static String strikeText(BigDecimal strike) {
        return Decimals.plain(strike);
    }

    /**
     * How the instrument master names a segment, as the scrip master does: {@code nse_fo} in the
     * {@link #INSTR_META} field {@code nse_fo|58801} and its {@code "seg"}.
     */
    public static String segmentCode(Segment segment) {
        return switch (segment) {
            case NSE_CM -> "nse_cm";
            case BSE_CM -> "bse_cm";
            case NSE_FO -> "nse_fo";
            case BSE_FO -> "bse_fo";
            case MCX_FO -> "mcx_fo";
            case CDE_FO -> "cde_fo";
        };
    }

    /** The segment of a {@link #segmentCode}; anything else is an error. */
    public static Segment segment(String code) {
        for (Segment segment : Segment.values()) {
            if (segmentCode(segment).equals(code)) {
                return segment;
            }
        }
        throw new IllegalArgumentException("unknown exchange segment '" + code + "'");
    }

    /** The {@link #INSTR_META} field of a contract, e.g. {@code nse_fo|58801}. */
    public static String metaField(Segment segment, String token) {
        return metaField(segmentCode(segment), token);
    }

    /** The {@link #INSTR_META} field of a contract, e.g. {@code nse_fo|58801}. */
    public static String metaField(String segmentCode, String token) {
        return Objects.requireNonNull(segmentCode, "segmentCode") + '|' + Objects.requireNonNull(token, "token");
    }
}
