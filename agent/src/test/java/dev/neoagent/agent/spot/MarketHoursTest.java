package dev.neoagent.agent.spot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketHoursTest {

    private static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MarketHours.IST).toInstant();
    }

    @ParameterizedTest(name = "{0} IST open={1}")
    @CsvSource({
        "2026-01-26T10:00, true", // Monday
        "2026-01-27T12:00, true", // Tuesday
        "2026-01-30T15:00, true", // Friday
        "2026-01-27T09:15, true", // the opening instant
        "2026-01-27T09:14:59.999, false",
        "2026-01-27T15:29:59.999, true",
        "2026-01-27T15:30, false", // the closing instant
        "2026-01-27T00:00, false",
        "2026-01-27T23:59:59, false",
        "2026-01-31T10:00, false", // Saturday
        "2026-02-01T10:00, false", // Sunday
    })
    void openOnWeekdaysFromOpenUntilClose(String localTime, boolean open) {
        assertThat(MarketHours.NSE.isOpen(ist(localTime))).isEqualTo(open);
    }

    @Test
    void usesIndianTimeWhateverTheInstantsZone() {
        // 03:45 UTC is 09:15 IST.
        assertThat(MarketHours.NSE.isOpen(Instant.parse("2026-01-27T03:45:00Z")))
                .isTrue();
        assertThat(MarketHours.NSE.isOpen(Instant.parse("2026-01-27T03:44:59Z")))
                .isFalse();
        assertThat(MarketHours.NSE.isOpen(Instant.parse("2026-01-27T09:59:59Z")))
                .isTrue();
        assertThat(MarketHours.NSE.isOpen(Instant.parse("2026-01-27T10:00:00Z")))
                .isFalse();
    }

    @ParameterizedTest(name = "after {0} IST the next open is {1}")
    @CsvSource({
        "2026-01-27T08:00, 2026-01-27T09:15",
        "2026-01-27T09:15, 2026-01-28T09:15", // strictly after
        "2026-01-27T12:00, 2026-01-28T09:15",
        "2026-01-30T16:00, 2026-02-02T09:15", // Friday evening → Monday
        "2026-01-31T08:00, 2026-02-02T09:15", // Saturday morning → Monday
    })
    void nextOpenSkipsWeekends(String localTime, String expected) {
        assertThat(MarketHours.NSE.nextOpen(ist(localTime))).isEqualTo(ist(expected));
    }

    @Test
    void parseReadsTheConfiguredForm() {
        MarketHours hours = MarketHours.parse(SpotSettings.MARKET_HOURS, "10:00-14:00");
        assertThat(hours).isEqualTo(new MarketHours(LocalTime.of(10, 0), LocalTime.of(14, 0), MarketHours.IST));
        assertThat(hours.isOpen(ist("2026-01-27T09:30"))).isFalse();
        assertThat(hours.isOpen(ist("2026-01-27T13:59"))).isTrue();
        assertThat(hours.text()).isEqualTo("10:00-14:00");
    }

    @Test
    void openMustBeBeforeClose() {
        assertThatThrownBy(() -> new MarketHours(LocalTime.NOON, LocalTime.NOON, MarketHours.IST))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
