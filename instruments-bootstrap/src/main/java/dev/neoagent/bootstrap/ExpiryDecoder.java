package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.Segment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Turns a scrip-master {@code lExpiryDate} into the contract's expiry date, per segment
 * ({@code shared/reference/scrip-master.md} §5, {@code kotak-neo-wire.md} §8.3):
 * <ul>
 *   <li>{@code nse_fo}, {@code cde_fo}: seconds since 1980-01-01 00:00 IST, i.e. Unix seconds =
 *       value + {@value #NSE_EPOCH_OFFSET_SECONDS} (the constant Kotak itself ships in nse_cm's
 *       {@code pCurrectionTime}). Never "Unix + 10 years": that is a day late across three leap days.</li>
 *   <li>{@code bse_fo}, {@code mcx_fo}: plain Unix seconds.</li>
 * </ul>
 * The date is read in UTC, as the issue, Kotak's SDK and OpenAlgo do. For the 1980-IST segments and bse_fo
 * the value is also read in IST, and a row where the two calendar dates differ is rejected: every real nse_fo
 * expiry is stamped 14:30 IST (bse_fo 23:59:59 IST), where both agree, so disagreement means the value is not
 * what we think it is, and guessing a date here would place an order in the wrong contract. mcx_fo expiries
 * are 23:59:59 UTC, the next day in IST by design, so only UTC is used there.
 */
final class ExpiryDecoder {

    /** 1970-01-01 → 1980-01-01 is 315,532,800 s; minus 19,800 s because the 1980 epoch is IST midnight. */
    static final long NSE_EPOCH_OFFSET_SECONDS = 315_513_000L;

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private ExpiryDecoder() {}

    static LocalDate decode(Segment segment, long raw) throws RowRejected {
        if (raw <= 0) {
            throw new RowRejected("lExpiryDate " + raw + " is not an expiry");
        }
        long unixSeconds = switch (segment) {
            case NSE_FO, CDE_FO -> raw + NSE_EPOCH_OFFSET_SECONDS;
            case BSE_FO, MCX_FO -> raw;
            case NSE_CM, BSE_CM ->
                throw new RowRejected("segment " + InstrumentKeys.segmentCode(segment) + " has no expiries");
        };
        Instant instant = Instant.ofEpochSecond(unixSeconds);
        LocalDate utcDate = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        if (segment != Segment.MCX_FO) {
            LocalDate istDate = LocalDate.ofInstant(instant, IST);
            if (!istDate.equals(utcDate)) {
                throw new RowRejected("lExpiryDate " + raw + " is " + LocalTime.ofInstant(instant, IST)
                        + " IST, where the UTC date " + utcDate + " and the IST date " + istDate
                        + " differ; refusing to guess the expiry");
            }
        }
        return utcDate;
    }
}
