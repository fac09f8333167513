package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.domain.Segment;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryDecoderTest {

    /** The evidence table of shared/reference/scrip-master.md §5: raw value, contract, date, weekday. */
    @ParameterizedTest(name = "{1}: {0} -> {2} {3}")
    @CsvSource({
        "1376145000, NIFTY2381017850CE,    2023-08-10, THURSDAY",
        "1386426600, NIFTY23D0720100CE,    2023-12-07, THURSDAY",
        "1388241000, NIFTY monthly,        2023-12-28, THURSDAY",
        "1408026600, FINNIFTY2481324000CE, 2024-08-13, TUESDAY",
        "1411655400, FINNIFTY24SEP26000CE, 2024-09-24, TUESDAY",
        "1450967400, NIFTY25D2322150CE,    2025-12-23, TUESDAY",
        "1451572200, NIFTY25DEC26850CE,    2025-12-30, TUESDAY",
        "1452781800, NIFTY2611326000CE,    2026-01-13, TUESDAY",
        "1453991400, NIFTY26JAN26000CE,    2026-01-27, TUESDAY",
        "1577284200, NIFTY29DEC26000CE,    2029-12-24, MONDAY",
        "1593095400, NIFTY30JUN20000CE,    2030-06-25, TUESDAY",
        "1474554600, NIFTY2692221000PE,    2026-09-22, TUESDAY",
    })
    void nseFoCountsSecondsFrom1980InIst(long raw, String contract, LocalDate expected, DayOfWeek weekday)
            throws RowRejected {
        LocalDate date = ExpiryDecoder.decode(Segment.NSE_FO, raw);
        assertThat(date).isEqualTo(expected);
        assertThat(date.getDayOfWeek()).isEqualTo(weekday);
    }

    @Test
    void notUnixPlusTenYearsWhichIsADayLateAcrossThreeLeapDays() throws RowRejected {
        // Kotak's v2 SDK says 25-Feb-2026 (Wed) for this value; the truth is Tue 24-Feb-2026 (v2 issue #44)
        assertThat(ExpiryDecoder.decode(Segment.NSE_FO, 1456410600L)).isEqualTo(LocalDate.of(2026, 2, 24));
    }

    @Test
    void bseFoIsPlainUnixSeconds() throws RowRejected {
        // SENSEX26JUL85300CE: 2026-07-30 23:59:59 IST, a Thursday (SENSEX expiry day)
        LocalDate date = ExpiryDecoder.decode(Segment.BSE_FO, 1785436199L);
        assertThat(date).isEqualTo(LocalDate.of(2026, 7, 30));
        assertThat(date.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    }

    @Test
    void mcxFoTakesTheUtcDate() throws RowRejected {
        // GOLDM: 2026-09-25 23:59:59 UTC, already the 26th in IST
        assertThat(ExpiryDecoder.decode(Segment.MCX_FO, 1790380799L)).isEqualTo(LocalDate.of(2026, 9, 25));
    }

    @Test
    void aTimeWhereUtcAndIstDatesDifferIsRejectedNotGuessed() {
        // 1980-epoch midnight IST of 2026-01-27 = 2026-01-26 18:30 UTC
        long midnightIst = 1453991400L - 52_200L;
        assertThatThrownBy(() -> ExpiryDecoder.decode(Segment.NSE_FO, midnightIst))
                .isInstanceOf(RowRejected.class)
                .hasMessageContaining("00:00 IST")
                .hasMessageContaining("refusing to guess");
    }

    @Test
    void sentinelAndCashSegmentsAreRejected() {
        assertThatThrownBy(() -> ExpiryDecoder.decode(Segment.NSE_FO, -1)).isInstanceOf(RowRejected.class);
        assertThatThrownBy(() -> ExpiryDecoder.decode(Segment.NSE_CM, 1453991400L))
                .isInstanceOf(RowRejected.class);
    }
}
