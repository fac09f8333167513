package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams one scrip-master CSV (commons-csv over a {@link Reader}; one row in memory at a time) and classifies
 * every data row as loaded (handed to the {@link InstrumentSetBuilder}), skipped (not wanted) or rejected (wanted
 * but unusable: reason and line number kept). Cheap string comparisons decide "skipped" first, so the ~90% of
 * nse_fo that is stock options costs little more than commons-csv itself.
 *
 * <p>File-level problems (empty, header only, truncated, missing columns, broken quoting) do not throw: they are
 * returned in {@link FileResult#problem()} so the validator refuses the load and the report says why. Only I/O
 * failures (network, disk) throw.
 */
final class ScripMasterParser {

    /** Rejections kept per file for the report; all are counted. */
    static final int KEPT_REJECTIONS = 20;

    /** {@code OPTIDX} in nse_fo; bse_fo's index options are reported as {@code IO}. */
    private static final Set<String> INDEX_OPTION_TYPES = Set.of("OPTIDX", "IO");

    private final Selection selection;

    ScripMasterParser(Selection selection) {
        this.selection = selection;
    }

    /**
     * Reads {@code reader} to the end (it is not closed here).
     *
     * @param segment  the segment this file is for; rows of other segments are skipped
     * @param location where the file came from, for the report
     * @throws IOException when reading fails (not for bad content)
     */
    FileResult parse(Segment segment, String location, Reader reader, InstrumentSetBuilder out) throws IOException {
        Counts counts = new Counts(segment, location);
        TrackingReader tracked = new TrackingReader(reader);
        CSVParser csv = CSVFormat.DEFAULT.parse(tracked);
        Iterator<CSVRecord> records = csv.iterator();
        try {
            if (!records.hasNext()) {
                return counts.result("the file is empty");
            }
            ScripColumns columns;
            try {
                columns = ScripColumns.of(records.next(), kindOf(segment));
            } catch (IllegalArgumentException e) {
                return counts.result(e.getMessage());
            }
            RowReader rows = new RowReader(segment, columns, counts, out);
            while (true) {
                // hasNext() reads the next record, so the line it starts on is known only before calling it.
                long line = csv.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                counts.rowsRead++;
                rows.read(records.next(), line);
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException bad) {
                // e.g. end of file inside a quoted cell: the download was cut, or the file is not CSV
                return counts.result(
                        "unreadable CSV after line " + csv.getCurrentLineNumber() + ": " + bad.getMessage());
            }
            throw e.getCause();
        }
        if (counts.rowsRead == 0) {
            return counts.result("the file has a header but no rows");
        }
        if (!tracked.endedWithNewline()) {
            return counts.result("the file is truncated: its last line (" + csv.getCurrentLineNumber()
                    + ") does not end with a newline");
        }
        return counts.result(null);
    }

    private static ScripColumns.Kind kindOf(Segment segment) {
        return switch (segment) {
            case NSE_CM, BSE_CM -> ScripColumns.Kind.CASH;
            case NSE_FO, BSE_FO, CDE_FO, MCX_FO -> ScripColumns.Kind.DERIVATIVES;
        };
    }

    /** Tallies of one file. */
    private static final class Counts {
        private final Segment segment;
        private final String location;
        private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        private final List<Rejection> firstRejections = new ArrayList<>();
        private long rowsRead;
        private long accepted;
        private long rejected;

        Counts(Segment segment, String location) {
            this.segment = segment;
            this.location = location;
        }

        void skip(SkipReason reason) {
            skipped.merge(reason, 1L, Long::sum);
        }

        void reject(long line, String reason) {
            rejected++;
            if (firstRejections.size() < KEPT_REJECTIONS) {
                firstRejections.add(new Rejection(InstrumentKeys.segmentCode(segment), line, reason));
            }
        }

        FileResult result(String problem) {
            return new FileResult(
                    segment,
                    location,
                    rowsRead,
                    accepted,
                    skipped,
                    rejected,
                    firstRejections,
                    Optional.ofNullable(problem));
        }
    }

    /** Classifies the data rows of one file, given its header. */
    private final class RowReader {
        private final Segment segment;
        private final String segmentCode;
        private final Counts counts;
        private final InstrumentSetBuilder out;
        private final int width;
        private final int token;
        private final int exchangeSegment;
        private final int name;
        private final int tradingSymbol;
        private final int tick;
        private final int lot;
        private final int freeze;
        // derivatives only (-1 in cash files)
        private final int instrumentType;
        private final int optionType;
        private final int expiry;
        private final int strike;
        private final int expiryCopy;
        private final int refKey;
        // cash only
        private final int group;

        RowReader(Segment segment, ScripColumns columns, Counts counts, InstrumentSetBuilder out) {
            this.segment = segment;
            this.segmentCode = InstrumentKeys.segmentCode(segment);
            this.counts = counts;
            this.out = out;
            this.width = columns.width();
            this.token = columns.position(ScripColumns.TOKEN);
            this.exchangeSegment = columns.position(ScripColumns.SEGMENT);
            this.name = columns.position(ScripColumns.NAME);
            this.tradingSymbol = columns.position(ScripColumns.TRADING_SYMBOL);
            this.tick = columns.position(ScripColumns.TICK);
            this.lot = columns.position(ScripColumns.LOT);
            this.freeze = columns.position(ScripColumns.FREEZE);
            boolean derivatives = kindOf(segment) == ScripColumns.Kind.DERIVATIVES;
            this.instrumentType = derivatives ? columns.position(ScripColumns.INSTRUMENT_TYPE) : -1;
            this.optionType = derivatives ? columns.position(ScripColumns.OPTION_TYPE) : -1;
            this.expiry = derivatives ? columns.position(ScripColumns.EXPIRY) : -1;
            this.strike = derivatives ? columns.position(ScripColumns.STRIKE) : -1;
            // pExpiryDate repeats lExpiryDate in nse_fo (checked on real rows); unverified for other segments
            this.expiryCopy = segment == Segment.NSE_FO
                    ? columns.optionalPosition(ScripColumns.EXPIRY_COPY).orElse(-1)
                    : -1;
            this.refKey = derivatives
                    ? columns.optionalPosition(ScripColumns.SCRIP_REF_KEY).orElse(-1)
                    : -1;
            this.group = derivatives ? -1 : columns.position(ScripColumns.GROUP);
        }

        void read(CSVRecord row, long line) {
            if (row.size() != width) {
                // Columns are found by position within the row: with a field missing or extra, every value
                // after it would be read from the wrong column.
                counts.reject(line, "has " + row.size() + " fields, the header has " + width);
                return;
            }
            if (!segmentCode.equals(row.get(exchangeSegment))) {
                counts.skip(SkipReason.OTHER_SEGMENT);
                return;
            }
            try {
                Optional<? extends Contract> contract = group < 0 ? option(row) : cash(row);
                if (contract.isPresent()) {
                    counts.accepted++;
                    out.add(contract.get(), line);
                }
            } catch (RowRejected e) {
                counts.reject(line, e.getMessage());
            } catch (IllegalArgumentException e) {
                // a record's own validation (token not numeric, non-positive lot, ...)
                counts.reject(line, e.getMessage());
            }
        }

        /** The option on this row, or empty when it is skipped (the skip is counted here). */
        private Optional<OptionContract> option(CSVRecord row) throws RowRejected {
            String underlying = row.get(name);
            if (!selection.underlyings().contains(underlying)) {
                counts.skip(SkipReason.NOT_SELECTED);
                return Optional.empty();
            }
            String type = row.get(instrumentType);
            if (!INDEX_OPTION_TYPES.contains(type)) {
                counts.skip(
                        type.startsWith("FUT") || "XX".equals(row.get(optionType))
                                ? SkipReason.FUTURE
                                : SkipReason.OTHER_INSTRUMENT);
                return Optional.empty();
            }
            long rawExpiry = ScripNumbers.wholeNumber(row.get(expiry), ScripColumns.EXPIRY);
            LocalDate expiryDate = ExpiryDecoder.decode(segment, rawExpiry);
            if (selection.expired(expiryDate)) {
                counts.skip(SkipReason.EXPIRED);
                return Optional.empty();
            }
            if (expiryCopy >= 0 && !row.get(expiryCopy).isBlank()) {
                long copy = ScripNumbers.wholeNumber(row.get(expiryCopy), ScripColumns.EXPIRY_COPY);
                if (copy != rawExpiry) {
                    throw new RowRejected("pExpiryDate " + copy + " differs from lExpiryDate " + rawExpiry);
                }
            }
            OptionContract option = new OptionContract(
                    segment,
                    new InstrumentToken(row.get(token)),
                    new TradingSymbol(row.get(tradingSymbol)),
                    underlying,
                    expiryDate,
                    optionType(row.get(optionType)),
                    ScripNumbers.paiseToRupees(row.get(strike), ScripColumns.STRIKE),
                    ScripNumbers.positiveCount(row.get(lot), ScripColumns.LOT),
                    ScripNumbers.paiseToRupees(row.get(tick), ScripColumns.TICK),
                    ScripNumbers.positiveCount(row.get(freeze), ScripColumns.FREEZE));
            SymbolCheck.check(option, refKey < 0 ? null : row.get(refKey));
            return Optional.of(option);
        }

        /** The EQ/BE scrip on this row, or empty when it is skipped. */
        private Optional<CashContract> cash(CSVRecord row) throws RowRejected {
            String series = row.get(group);
            if (!CashContract.SERIES.contains(series)) {
                counts.skip(SkipReason.OTHER_SERIES);
                return Optional.empty();
            }
            BigDecimal tickSize = ScripNumbers.paiseToRupees(row.get(tick), ScripColumns.TICK);
            return Optional.of(new CashContract(
                    segment,
                    new InstrumentToken(row.get(token)),
                    new TradingSymbol(row.get(tradingSymbol)),
                    row.get(name),
                    series,
                    ScripNumbers.positiveCount(row.get(lot), ScripColumns.LOT),
                    tickSize,
                    ScripNumbers.positiveCount(row.get(freeze), ScripColumns.FREEZE)));
        }
    }

    /** Call or put, exactly as {@code pOptionType} writes it ({@code XX} marks a future); nothing is guessed. */
    static OptionType optionType(String code) throws RowRejected {
        return OptionType.fromCode(code)
                .orElseThrow(
                        () -> new RowRejected("pOptionType '" + ScripNumbers.printable(code) + "' is not CE or PE"));
    }
}
