package dev.neoagent.agent.report;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Cell formats shared by the reports. */
final class ReportFormats {
    /**
     * XTS's order-book format, which MotherDuck's ingest parses with {@code dayfirst=True}. The
     * domain times are already exchange-local (IST) wall-clock times, so no zone conversion happens.
     */
    static final DateTimeFormatter XTS_DATE_TIME = DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm:ss");

    private ReportFormats() {}

    /** Plain decimal text, never an exponent ({@code 1E+3} would not parse as a number in every reader). */
    static String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    static String dateTime(Optional<LocalDateTime> time) {
        return time.map(XTS_DATE_TIME::format).orElse("");
    }
}
