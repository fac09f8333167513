package dev.neoagent.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The real scrip-master rows in {@code shared/kotak-scrip-master/} (CI clones main with shared/ beside it), and
 * files built from them for the tests.
 */
final class Fixtures {

    /** The NIFTY file is of 2025-12-22; on that day every contract in it is live (the first expires 12-23). */
    static final LocalDate FIXTURE_DAY = LocalDate.of(2025, 12, 22);

    static final String NIFTY_FO = "nse_fo__NIFTY-only__Nehul1313-Kotak-Neo-SDK__2025-12-23.csv";
    static final String ONE_ROW_79_COLUMNS =
            "nse_fo__1row-79col__tradeautopsyco-blip-tradeautopsy-station__2026-08-28.csv";
    static final String SIX_COLUMN_EXTRACT =
            "nse_fo+bse_fo__6col-extract-excerpt__shivshankar3853-KOTAK-ALGO__2026-05.csv";
    static final String CM_2023 = "nse_cm__Kotak-Neo-kotak-neo-api__2023-04-27.csv";
    static final String CM_2025_07 = "nse_cm__mosin11-myalgoserver__2025-07-07.csv";
    static final String CM_V1_2025_11 = "nse_cm-v1__bansal3004-kotak-trade-api__2025-11-10.csv";
    static final String CM_V1_2025_12 = "nse_cm-v1__srikrishnagithub-broker-data-feed__2025-12-30.csv";

    private static final Pattern MONTHLY_SYMBOL = Pattern.compile("BANKNIFTY(\\d{2})([A-Z]{3})(\\d+)(CE|PE)");

    private Fixtures() {}

    static Path sharedDir() {
        Path dir = Path.of(System.getProperty("user.dir"))
                .resolve("../../shared/kotak-scrip-master")
                .normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixtures not found at " + dir
                    + ": the tests expect shared/ beside the main checkout (…/main/../shared)");
        }
        return dir;
    }

    static Path file(String name) {
        return sharedDir().resolve(name);
    }

    static Clock clockAt(LocalDate day) {
        ZoneId ist = ZoneId.of("Asia/Kolkata");
        return Clock.fixed(day.atTime(9, 0).atZone(ist).toInstant(), ist);
    }

    static List<String> lines(String name) {
        try {
            return Files.readAllLines(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, List<String> lines) {
        try {
            Path path = dir.resolve(name);
            Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeRaw(Path dir, String name, String content) {
        try {
            Path path = dir.resolve(name);
            Files.writeString(path, content, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The real NIFTY file plus BANKNIFTY rows, so a load passes the "every underlying has options" check.
     * Real NIFTY data has no BANKNIFTY rows in full-column form; the BANKNIFTY rows are DERIVED: token, trading
     * symbol, option type and lot size are real (the 6-column May-2026 extract), the other cells come from a
     * real NIFTY row, strike from the trading symbol, and the expiry is ASSUMED to be the month's last Tuesday
     * (BANKNIFTY monthly expiry day since Sep 2025). Tests assert real-data facts on NIFTY rows only.
     */
    static List<String> niftyWithBankNifty() {
        List<String> lines = new ArrayList<>(lines(NIFTY_FO));
        lines.addAll(bankNiftyRows(false));
        return lines;
    }

    /**
     * Token 62042 is BANKNIFTY26JUL62300PE in the May-2026 extract and a NIFTY option in the Dec-2025 file: NSE
     * recycles tokens. Mixing both files gives a real token conflict; it is left out unless asked for.
     */
    static final String RECYCLED_TOKEN = "62042";

    static List<String> bankNiftyRows(boolean withRecycledToken) {
        List<String> nifty = lines(NIFTY_FO);
        List<String> header = Arrays.asList(nifty.get(0).split(",", -1));
        String[] template = nifty.get(1).split(",", -1);
        List<String> rows = new ArrayList<>();
        for (CSVRecord extract : records(SIX_COLUMN_EXTRACT)) {
            if (!extract.get("pSymbolName").equals("BANKNIFTY")
                    || (!withRecycledToken && extract.get("pSymbol").equals(RECYCLED_TOKEN))) {
                continue;
            }
            Matcher m = MONTHLY_SYMBOL.matcher(extract.get("pTrdSymbol"));
            if (!m.matches()) {
                continue; // futures
            }
            int year = 2000 + Integer.parseInt(m.group(1));
            int month =
                    Arrays.asList("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
                                    .indexOf(m.group(2))
                            + 1;
            LocalDate expiry = LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
            long raw = ChronoUnit.DAYS.between(LocalDate.of(1980, 1, 1), expiry) * 86_400 + 52_200; // 14:30 IST
            String strike = m.group(3);
            String[] row = template.clone();
            set(row, header, "pSymbol", extract.get("pSymbol"));
            set(row, header, "pSymbolName", "BANKNIFTY");
            set(row, header, "pTrdSymbol", extract.get("pTrdSymbol"));
            set(row, header, "pOptionType", m.group(4));
            set(
                    row,
                    header,
                    "pScripRefKey",
                    String.format(
                            Locale.ROOT,
                            "BANKNIFTY%02d%s%02d%s.00%s",
                            expiry.getDayOfMonth(),
                            m.group(2),
                            year % 100,
                            strike,
                            m.group(4)));
            set(row, header, "pAssetCode", "26009");
            set(row, header, "lLotSize", extract.get("lLotSize"));
            set(row, header, "iLotSize", extract.get("lLotSize"));
            set(row, header, "lExpiryDate ", Long.toString(raw));
            set(row, header, "pExpiryDate", Long.toString(raw));
            set(row, header, "dStrikePrice;", strike + "00");
            set(row, header, "lFreezeQty", "601");
            rows.add(String.join(",", row));
        }
        return rows;
    }

    private static void set(String[] row, List<String> header, String column, String value) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        row[i] = value;
    }

    static List<CSVRecord> records(String name) {
        try (Reader reader = Files.newBufferedReader(file(name));
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index of a header column in a fixture file (exact header text). */
    static int column(String fileName, String header) {
        List<String> names = Arrays.asList(lines(fileName).get(0).split(",", -1));
        int i = names.indexOf(header);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + header + "' in " + fileName);
        }
        return i;
    }

    /** The line (1-based) of the row whose first cell (pSymbol) is {@code token}. */
    static int lineOfToken(List<String> lines, String token) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith(token + ",")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("token " + token + " not found");
    }

    /** {@code lines} with one cell of one line replaced (simple split: only for rows without quoted commas). */
    static List<String> withCell(List<String> lines, int line, int column, String value) {
        List<String> copy = new ArrayList<>(lines);
        String[] cells = copy.get(line - 1).split(",", -1);
        cells[column] = value;
        copy.set(line - 1, String.join(",", cells));
        return copy;
    }
}
