package dev.neoagent.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The date and number spellings Kotak uses on the wire (all times are IST). */
final class Formats {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    /** Order book {@code ordDtTm}, trade book {@code exTm}: "22-Jan-2025 14:28:01". */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH).withZone(IST);
    /** History {@code exchTmstp}/{@code flDtTm} carry stray spaces: "22-Jan-2025 14: 32: 53". */
    private static final DateTimeFormatter DATE_TIME_SPACED = DateTimeFormatter.ofPattern(
                    "dd-MMM-yyyy HH: mm: ss", Locale.ENGLISH)
            .withZone(IST);
    /** {@code hsUpTm}: "2025/01/22 14:28:01". */
    private static final DateTimeFormatter HS_UP_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ENGLISH).withZone(IST);

    private static final DateTimeFormatter FILL_DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH).withZone(IST);
    private static final DateTimeFormatter FILL_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(IST);
    private static final DateTimeFormatter ORDER_NO_DATE =
            DateTimeFormatter.ofPattern("yyMMdd", Locale.ENGLISH).withZone(IST);
    private static final DateTimeFormatter FOLDER_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH).withZone(IST);

    private Formats() {}

    static String dateTime(Instant t) {
        return DATE_TIME.format(t);
    }

    static String dateTimeSpaced(Instant t) {
        return DATE_TIME_SPACED.format(t);
    }

    static String hsUpTime(Instant t) {
        return HS_UP_TIME.format(t);
    }

    static String fillDate(Instant t) {
        return FILL_DATE.format(t);
    }

    static String fillTime(Instant t) {
        return FILL_TIME.format(t);
    }

    static String orderNoDate(Instant t) {
        return ORDER_NO_DATE.format(t);
    }

    /** Date folder of the scrip master files ("2026-07-14"). */
    static String folderDate(Instant t) {
        return FOLDER_DATE.format(t);
    }

    /** Order/position amounts: "120.50". */
    static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Quote prices: "25980.3500". */
    static String price4(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
