package dev.neoagent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes scrip-master rows the way Kotak does ({@code shared/reference/scrip-master.md}): for the paper master
 * ({@link PaperMaster}) and the load benchmark's full-size files. Rows are copies of real rows (a
 * {@link Template}) with the identity cells rewritten, so every quirk of the real files is kept: header names
 * with trailing spaces and {@code dStrikePrice;}, amounts in paise, C-{@code %g} numbers ({@code 2.6e+06}),
 * expiries in seconds since 1980-01-01 00:00 IST stamped 14:30, quotes only where a cell needs them.
 *
 * <p>Deliberately independent of the parser's {@link SymbolCheck}: a load of these rows checks one against the
 * other.
 */
final class ScripRows {

    /** Month letter of a weekly trading symbol: 1-9 for January to September, O, N, D. */
    private static final String WEEKLY_MONTH_CODES = "123456789OND";

    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final LocalDate EPOCH_1980 = LocalDate.of(1980, 1, 1);
    /** Every nse_fo expiry is stamped 14:30 IST. */
    private static final long EXPIRY_TIME_OF_DAY = 14 * 3600 + 30 * 60;
    /** NSE index derivatives (weekly, monthly) expire on Tuesdays for contracts from September 2025. */
    static final DayOfWeek EXPIRY_DAY = DayOfWeek.TUESDAY;

    private ScripRows() {}

    /** A real header and data rows to copy; cells are addressed by exact header text ({@code "lExpiryDate "}). */
    static final class Template {
        private final List<String> header;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String[]> rows;

        private Template(List<String> header, List<String[]> rows) {
            this.header = List.copyOf(header);
            for (int i = 0; i < header.size(); i++) {
                index.put(header.get(i), i);
            }
            this.rows = rows;
        }

        /** A header and its rows from a classpath resource next to this class. */
        static Template resource(String name) {
            try (InputStream in = ScripRows.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                return read(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Template read(Reader reader) throws IOException {
            try (CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
                List<String> header = null;
                List<String[]> rows = new ArrayList<>();
                for (CSVRecord record : parser) {
                    if (header == null) {
                        header = record.toList();
                    } else {
                        rows.add(record.toList().toArray(new String[0]));
                    }
                }
                if (header == null || rows.isEmpty()) {
                    throw new IllegalArgumentException("a template needs a header and at least one row");
                }
                return new Template(header, rows);
            }
        }

        String headerLine() {
            return csvLine(header);
        }

        int width() {
            return header.size();
        }

        List<String> header() {
            return header;
        }

        /** All data rows, each as a fresh copy. */
        List<Row> rows() {
            return rows.stream().map(cells -> new Row(this, cells.clone())).toList();
        }

        /** A copy of the first data row. */
        Row row() {
            return new Row(this, rows.get(0).clone());
        }

        int column(String name) {
            Integer i = index.get(name);
            if (i == null) {
                throw new IllegalArgumentException("no column '" + name + "' in the template");
            }
            return i;
        }
    }

    /** One row being written: a template copy whose cells are replaced by name. */
    static final class Row {
        private final Template template;
        private final String[] cells;

        private Row(Template template, String[] cells) {
            this.template = template;
            this.cells = cells;
        }

        Row set(String column, String value) {
            cells[template.column(column)] = value;
            return this;
        }

        Row set(String column, long value) {
            return set(column, Long.toString(value));
        }

        String get(String column) {
            return cells[template.column(column)];
        }

        String line() {
            return csvLine(List.of(cells));
        }
    }

    /** Comma-separated, a cell quoted only when it holds a comma, a quote or a line break (as Kotak's files). */
    static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder(cells.size() * 6);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0
                    || cell.indexOf('"') >= 0
                    || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.toString();
    }

    /** {@code lExpiryDate} of an nse_fo contract expiring on {@code date}: 1980-IST seconds at 14:30. */
    static long nseExpiry(LocalDate date) {
        return nseMidnight(date) + EXPIRY_TIME_OF_DAY;
    }

    /** A midnight-aligned nse_fo date field ({@code pIssueDate}, {@code pExerciseStartDate}). */
    static long nseMidnight(LocalDate date) {
        return ChronoUnit.DAYS.between(EPOCH_1980, date) * 86_400;
    }

    /** An IST wall-clock time as seconds since 1980-01-01 00:00 IST ({@code pLocalUpdateTime}). */
    static long nseSeconds(LocalDateTime ist) {
        return ChronoUnit.SECONDS.between(EPOCH_1980.atStartOfDay(), ist);
    }

    /** The last expiry day of the month: monthly contracts, and symbols in the monthly format. */
    static boolean isMonthly(LocalDate expiry) {
        return expiry.equals(expiry.with(TemporalAdjusters.lastInMonth(EXPIRY_DAY)));
    }

    /** The next {@code count} expiry days (Tuesdays) from {@code today}, today included. */
    static List<LocalDate> weeklyExpiries(LocalDate today, int count) {
        List<LocalDate> result = new ArrayList<>(count);
        LocalDate day = today.with(TemporalAdjusters.nextOrSame(EXPIRY_DAY));
        for (int i = 0; i < count; i++) {
            result.add(day.plusWeeks(i));
        }
        return result;
    }

    /** The next {@code count} monthly expiries (each month's last Tuesday) from {@code today}, today included. */
    static List<LocalDate> monthlyExpiries(LocalDate today, int count) {
        List<LocalDate> result = new ArrayList<>(count);
        LocalDate month = today.withDayOfMonth(1);
        while (result.size() < count) {
            LocalDate last = month.with(TemporalAdjusters.lastInMonth(EXPIRY_DAY));
            if (!last.isBefore(today)) {
                result.add(last);
            }
            month = month.plusMonths(1);
        }
        return result;
    }

    /**
     * {@code pTrdSymbol} of an option: monthly {@code NIFTY26JAN26000CE}, weekly {@code NIFTY2611326000CE}
     * ({@code <SYM><YY><M><DD><strike><CE|PE>}).
     */
    static String optionSymbol(String name, LocalDate expiry, long strike, String side, boolean monthly) {
        String yy = twoDigits(expiry.getYear() % 100);
        return monthly
                ? name + yy + MONTHS[expiry.getMonthValue() - 1] + strike + side
                : name
                        + yy
                        + WEEKLY_MONTH_CODES.charAt(expiry.getMonthValue() - 1)
                        + twoDigits(expiry.getDayOfMonth())
                        + strike
                        + side;
    }

    /** {@code pScripRefKey} of an option since 2024: {@code NIFTY27JAN2626000.00CE}. */
    static String optionRefKey(String name, LocalDate expiry, long strike, String side) {
        return name + twoDigits(expiry.getDayOfMonth()) + MONTHS[expiry.getMonthValue() - 1]
                + twoDigits(expiry.getYear() % 100) + strike + ".00" + side;
    }

    /** {@code pTrdSymbol} of a future: {@code NIFTY26JANFUT}. */
    static String futureSymbol(String name, LocalDate expiry) {
        return name + twoDigits(expiry.getYear() % 100) + MONTHS[expiry.getMonthValue() - 1] + "FUT";
    }

    /** {@code pScripRefKey} of a future: {@code NIFTY27JAN26FUT}. */
    static String futureRefKey(String name, LocalDate expiry) {
        return name + twoDigits(expiry.getDayOfMonth()) + MONTHS[expiry.getMonthValue() - 1]
                + twoDigits(expiry.getYear() % 100) + "FUT";
    }

    /**
     * A whole number as C's {@code printf("%g")} prints it (6 significant digits, exponent form from 1e6 on):
     * {@code 2600000} → {@code 2.6e+06}, {@code 2595000} → {@code 2.595e+06}, {@code 950000} → {@code 950000}.
     * A value {@code %g} would round (more than 6 significant digits) is refused: the real file would carry
     * the rounded value, which the parser rejects against the trading symbol.
     */
    static String percentG(long value) {
        BigDecimal exact = BigDecimal.valueOf(value);
        if (value == 0) {
            return "0";
        }
        if (exact.stripTrailingZeros().precision() > 6) {
            throw new IllegalArgumentException(value + " has more than 6 significant digits; %g would round it");
        }
        int exponent = exact.precision() - 1; // for a whole number: digits - 1
        if (exponent < 6) {
            return Long.toString(value);
        }
        BigDecimal mantissa = exact.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e+" + twoDigits(exponent);
    }

    private static String twoDigits(int value) {
        return String.format(Locale.ROOT, "%02d", value);
    }
}
