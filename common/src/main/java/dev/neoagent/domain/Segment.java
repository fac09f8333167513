package dev.neoagent.domain;

/** Exchange segment, with Kotak's wire code (the {@code es} / {@code exSeg} field). */
public enum Segment {
    NSE_CM("nse_cm"),
    BSE_CM("bse_cm"),
    NSE_FO("nse_fo"),
    BSE_FO("bse_fo"),
    MCX_FO("mcx_fo"),
    CDE_FO("cde_fo");

    private final String code;

    Segment(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Exact lower-case code as Kotak writes it; anything else is an error, never a guess. */
    public static Segment fromCode(String code) {
        return switch (code) {
            case "nse_cm" -> NSE_CM;
            case "bse_cm" -> BSE_CM;
            case "nse_fo" -> NSE_FO;
            case "bse_fo" -> BSE_FO;
            case "mcx_fo" -> MCX_FO;
            case "cde_fo" -> CDE_FO;
            default -> throw new IllegalArgumentException("unknown exchange segment '" + code + "'");
        };
    }
}
