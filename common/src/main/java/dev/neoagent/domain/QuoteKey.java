package dev.neoagent.domain;

/**
 * What to quote: an instrument by token ({@code nse_fo|58801}) or an index by its exact,
 * case-sensitive name ({@code nse_cm|Nifty 50}).
 */
public record QuoteKey(Segment segment, String instrument) {
    public static final QuoteKey NIFTY_50 = new QuoteKey(Segment.NSE_CM, "Nifty 50");
    public static final QuoteKey NIFTY_BANK = new QuoteKey(Segment.NSE_CM, "Nifty Bank");

    public QuoteKey {
        Checks.nonNull(segment, "segment");
        Checks.nonBlank(instrument, "instrument");
        if (instrument.contains("|") || instrument.contains(",") || instrument.contains("/")) {
            throw new IllegalArgumentException("instrument '" + instrument + "' contains | , or /");
        }
    }

    public static QuoteKey token(Segment segment, InstrumentToken token) {
        return new QuoteKey(segment, token.value());
    }

    public static QuoteKey index(Segment segment, String name) {
        return new QuoteKey(segment, name);
    }

    /** {@code segment|instrument}, the form Kotak uses in quote paths and answers. */
    public String wireForm() {
        return segment.code() + "|" + instrument;
    }
}
