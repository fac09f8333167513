package dev.neoagent.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * A tradable scrip of the fake market. Identity fields are fixed; the price fields change via
 * {@link FakeKotakServer#setLtp}. The descriptive fields the books print (underlying, option
 * type, strike, series) are derived from the trading symbol so that tests only have to name
 * segment, token, symbol, lot size and LTP.
 */
final class Instrument {
    private static final Set<String> INDEX_UNDERLYINGS =
            Set.of("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "NIFTYNXT50", "SENSEX", "BANKEX", "SENSEX50");
    private static final Set<String> MONTHS =
            Set.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    final String segment;
    final String token;
    final String tradingSymbol;
    final int lotSize;
    /** Underlying / ticker ({@code sym}): NIFTY, RELIANCE. */
    final String symbol;
    /** {@code series}: EQ for cash, XX for F&O. */
    final String series;
    /** {@code optTp}: CE, PE, XX (futures), "- " for cash (as in the real order book). */
    final String optionType;
    /** Strike in rupees, zero when not an option. */
    final BigDecimal strike;
    /** {@code type} in positions: OPTIDX, FUTSTK, EQ... */
    final String instrumentType;
    /** {@code it} in the books: EQ, OI (index option), OS, FI, FS. */
    final String instrumentCode;

    final BigDecimal tickSize;

    BigDecimal ltp;
    /** Previous close; quotes compute change against it. */
    final BigDecimal close;

    BigDecimal high;
    BigDecimal low;
    Instant updatedAt;

    Instrument(String segment, String token, String tradingSymbol, int lotSize, BigDecimal ltp, Instant now) {
        if (lotSize <= 0) {
            throw new IllegalArgumentException("lot size must be positive: " + lotSize);
        }
        this.segment = segment;
        this.token = token;
        this.tradingSymbol = tradingSymbol;
        this.lotSize = lotSize;
        this.ltp = ltp;
        this.close = ltp;
        this.high = ltp;
        this.low = ltp;
        this.updatedAt = now;
        this.tickSize = new BigDecimal(ltp.compareTo(new BigDecimal("250")) < 0 && isCash(segment) ? "0.01" : "0.05");
        if (isCash(segment)) {
            int dash = tradingSymbol.lastIndexOf('-');
            symbol = dash > 0 ? tradingSymbol.substring(0, dash) : tradingSymbol;
            series = dash > 0 ? tradingSymbol.substring(dash + 1) : "EQ";
            optionType = "- ";
            strike = BigDecimal.ZERO;
            instrumentType = "EQ";
            instrumentCode = "EQ";
        } else {
            int firstDigit = 0;
            while (firstDigit < tradingSymbol.length() && !Character.isDigit(tradingSymbol.charAt(firstDigit))) {
                firstDigit++;
            }
            symbol = tradingSymbol.substring(0, firstDigit);
            series = "XX";
            boolean index = INDEX_UNDERLYINGS.contains(symbol);
            if (tradingSymbol.endsWith("CE") || tradingSymbol.endsWith("PE")) {
                optionType = tradingSymbol.substring(tradingSymbol.length() - 2);
                strike = parseStrike(tradingSymbol.substring(firstDigit, tradingSymbol.length() - 2));
                instrumentType = index ? "OPTIDX" : "OPTSTK";
                instrumentCode = index ? "OI" : "OS";
            } else {
                optionType = "XX";
                strike = BigDecimal.ZERO;
                instrumentType = index ? "FUTIDX" : "FUTSTK";
                instrumentCode = index ? "FI" : "FS";
            }
        }
    }

    static boolean isCash(String segment) {
        return segment.endsWith("_cm");
    }

    /**
     * Weekly "26" + "9" + "22" + "21000" and monthly "26" + "JAN" + "26000": either way the strike
     * starts at offset 5 (best effort; only printed in the books).
     */
    private static BigDecimal parseStrike(String rest) {
        if (rest.length() <= 5) {
            return BigDecimal.ZERO;
        }
        boolean monthly = MONTHS.contains(rest.substring(2, 5));
        boolean weekly = Character.isLetterOrDigit(rest.charAt(2))
                && Character.isDigit(rest.charAt(3))
                && Character.isDigit(rest.charAt(4));
        if (!monthly && !weekly) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(rest.substring(5));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    void setLtp(BigDecimal value, Instant now) {
        ltp = value;
        high = high.max(value);
        low = low.min(value);
        updatedAt = now;
    }

    String key() {
        return key(segment, token);
    }

    static String key(String segment, String token) {
        return segment + "|" + token;
    }
}
