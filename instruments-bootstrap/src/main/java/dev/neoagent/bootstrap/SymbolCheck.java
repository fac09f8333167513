package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cross-checks a decoded option against the two text fields that spell out its expiry and strike again, so a
 * wrong epoch, a strike rounded by {@code %g}, or a column that changed meaning is caught here instead of
 * becoming an order in the wrong contract ({@code shared/reference/scrip-master.md} §3, §4, §6):
 * <ul>
 *   <li>{@code pTrdSymbol}: monthly {@code NIFTY26JAN26000CE} ({@code <SYM><YY><MON><strike><CE|PE>}) or weekly
 *       {@code NIFTY2611326000CE} ({@code <SYM><YY><M><DD><strike><CE|PE>}, M = 1-9, O, N, D). Always checked.</li>
 *   <li>{@code pScripRefKey} since mid-2024: {@code NIFTY27JAN2626000.00CE}
 *       ({@code <SYM><DD><MON><YY><strike, 2 decimals><CE|PE>}). Checked when it has that shape; older files
 *       repeat the trading symbol there.</li>
 * </ul>
 */
final class SymbolCheck {

    private static final String WEEKLY_MONTH_CODES = "123456789OND";
    /** What follows the underlying in a 2024+ {@code pScripRefKey}: {@code 27JAN2626000.00CE}. */
    private static final Pattern REF_KEY_TAIL = Pattern.compile("[0-9]{2}[A-Z]{3}[0-9]{2}[0-9]+\\.[0-9]{2}(CE|PE)");

    private SymbolCheck() {}

    static void check(OptionContract option, String scripRefKey) throws RowRejected {
        checkTradingSymbol(option);
        if (scripRefKey != null) {
            checkRefKey(option, scripRefKey.strip());
        }
    }

    private static void checkTradingSymbol(OptionContract option) throws RowRejected {
        String symbol = option.tradingSymbol().value();
        LocalDate expiry = option.expiry();
        String tail =
                InstrumentKeys.strikeText(option.strike()) + option.optionType().name();
        String year = twoDigits(expiry.getYear() % 100);
        String monthly = option.name() + year + monthName(expiry) + tail;
        String weekly = option.name()
                + year
                + WEEKLY_MONTH_CODES.charAt(expiry.getMonthValue() - 1)
                + twoDigits(expiry.getDayOfMonth())
                + tail;
        if (!symbol.equals(monthly) && !symbol.equals(weekly)) {
            throw new RowRejected("trading symbol " + symbol + " does not match the decoded contract (expected "
                    + monthly + " or " + weekly + ")");
        }
    }

    private static void checkRefKey(OptionContract option, String refKey) throws RowRejected {
        if (!refKey.startsWith(option.name())
                || !REF_KEY_TAIL
                        .matcher(refKey)
                        .region(option.name().length(), refKey.length())
                        .matches()) {
            return; // the pre-2024 layout (a copy of pTrdSymbol) or something unknown: nothing to compare
        }
        LocalDate expiry = option.expiry();
        BigDecimal strike = option.strike();
        String strikeText = (strike.scale() > 2 ? strike : strike.setScale(2)).toPlainString();
        String expected = option.name()
                + twoDigits(expiry.getDayOfMonth())
                + monthName(expiry)
                + twoDigits(expiry.getYear() % 100)
                + strikeText
                + option.optionType().name();
        if (!refKey.equals(expected)) {
            throw new RowRejected(
                    "pScripRefKey " + refKey + " does not match the decoded contract (expected " + expected + ")");
        }
    }

    private static String monthName(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
