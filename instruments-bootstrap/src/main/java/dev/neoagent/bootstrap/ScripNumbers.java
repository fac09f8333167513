package dev.neoagent.bootstrap;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number cells of the scrip master. Kotak prints them C-{@code %g} style ({@code 2.1e+06}) and files re-saved
 * by pandas show {@code 2600000.0}; both are exact decimals, so they are parsed as {@link BigDecimal} (never
 * {@code double}) and whole numbers must really be whole.
 */
final class ScripNumbers {

    private ScripNumbers() {}

    static BigDecimal decimal(String raw, String column) throws RowRejected {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new RowRejected(column + " is empty");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RowRejected(column + " '" + printable(text) + "' is not a number");
        }
    }

    static long wholeNumber(String raw, String column) throws RowRejected {
        BigDecimal value = decimal(raw, column);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new RowRejected(column + " '" + printable(raw.strip()) + "' is not a whole number");
        }
    }

    /** A positive count of units (lot size, freeze quantity). */
    static long positiveCount(String raw, String column) throws RowRejected {
        long value = wholeNumber(raw, column);
        if (value <= 0) {
            throw new RowRejected(column + " must be positive, was " + printable(raw.strip()));
        }
        return value;
    }

    /**
     * Paise to rupees. The exchange only knows whole paise; a fraction means the cell was mangled (for example
     * a {@code %g} rounding of a large value), so it is refused rather than rounded.
     */
    static BigDecimal paiseToRupees(String raw, String column) throws RowRejected {
        BigDecimal paise = decimal(raw, column);
        if (paise.signum() <= 0) {
            throw new RowRejected(column + " must be positive, was " + printable(raw.strip()));
        }
        if (paise.stripTrailingZeros().scale() > 0) {
            throw new RowRejected(column + " '" + printable(raw.strip()) + "' is not a whole number of paise");
        }
        return paise.movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Cell text safe to put in a report: at most 40 characters, control characters shown as '?'. */
    static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
