package dev.neoagent.agent.spot;

import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The exchange's trading session: {@code open} (inclusive) to {@code close} (exclusive), Monday to Friday, in
 * {@code zone}. Exchange holidays are not known (see the package documentation), so a weekday holiday counts as
 * open.
 *
 * @param open  first instant of the session, e.g. 09:15
 * @param close end of the session, e.g. 15:30; at 15:30:00 the market counts as closed
 * @param zone  the exchange's time zone, Asia/Kolkata for NSE
 */
public record MarketHours(LocalTime open, LocalTime close, ZoneId zone) {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    /** NSE's normal session, 09:15–15:30 IST. */
    public static final MarketHours NSE = new MarketHours(LocalTime.of(9, 15), LocalTime.of(15, 30), IST);

    public MarketHours {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(zone, "zone");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("market open " + open + " is not before close " + close);
        }
    }

    /**
     * Parses {@code HH:mm-HH:mm} (seconds allowed, {@code 09:15:30-15:30}) as a session in Asia/Kolkata.
     *
     * @param setting named in the error
     * @throws ConfigException naming the setting and the value when it is not two times with open before close
     */
    public static MarketHours parse(Setting setting, String text) {
        String value = text.strip();
        int dash = value.indexOf('-');
        if (dash < 0 || value.indexOf('-', dash + 1) >= 0) {
            throw SettingsReader.problem(setting, text, "is not of the form HH:mm-HH:mm, e.g. 09:15-15:30");
        }
        LocalTime open;
        LocalTime close;
        try {
            open = LocalTime.parse(value.substring(0, dash).strip());
            close = LocalTime.parse(value.substring(dash + 1).strip());
        } catch (DateTimeParseException e) {
            throw SettingsReader.problem(setting, text, "is not of the form HH:mm-HH:mm, e.g. 09:15-15:30");
        }
        if (!open.isBefore(close)) {
            throw SettingsReader.problem(setting, text, "opens at or after it closes");
        }
        return new MarketHours(open, close, IST);
    }

    /** Whether {@code instant} falls on a weekday, at or after {@code open} and before {@code close}. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (!isWeekday(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return !time.isBefore(open) && time.isBefore(close);
    }

    /** The next session start strictly after {@code instant} (the next weekday's {@code open} when it has passed). */
    public Instant nextOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(open)) {
            day = day.plusDays(1);
        }
        while (!isWeekday(day)) {
            day = day.plusDays(1);
        }
        return day.atTime(open).atZone(zone).toInstant();
    }

    /** {@code 09:15-15:30}, the form {@link #parse} reads. */
    public String text() {
        return open + "-" + close;
    }

    private static boolean isWeekday(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }
}
