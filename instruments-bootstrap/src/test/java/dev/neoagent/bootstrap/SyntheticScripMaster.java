package dev.neoagent.bootstrap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Generates full-size scrip-master files for the benchmark, shaped like the real ones: every row is a copy of a
 * real fixture row (78 columns for nse_fo, 79 for nse_cm-v1) with identity cells rewritten, and the mix follows
 * what the reference reports for a real day (~100k nse_fo rows, most of them stock options; ~11k nse_cm rows,
 * about a fifth of them EQ/BE). Strikes are written C-{@code %g} style like the raw files. Synthetic, for speed
 * measurements only: no test asserts market facts on these rows.
 */
final class SyntheticScripMaster {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};
    private static final String WEEKLY_MONTH_CODES = "123456789OND";

    private final List<String> foHeader;
    private final String[] foTemplate;
    private final List<String> cmHeader;
    private final String[] cmTemplate;
    private int nextToken = 35_000;

    /** Rows written, for rows/s. */
    long foRows;
    long cmRows;

    SyntheticScripMaster() {
        List<String> fo = Fixtures.lines(Fixtures.NIFTY_FO);
        foHeader = Arrays.asList(fo.get(0).split(",", -1));
        foTemplate = fo.get(1).split(",", -1);
        List<String> cm = Fixtures.lines(Fixtures.CM_V1_2025_12);
        cmHeader = Arrays.asList(cm.get(0).split(",", -1));
        cmTemplate = cm.stream().filter(l -> l.startsWith("2885,")).findFirst().orElseThrow().split(",", -1);
    }

    /** ~100,000 rows as of {@code today}: index options, index futures, stock options and stock futures. */
    Path writeFo(Path file, LocalDate today) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", foHeader));
            out.write('\n');
            List<LocalDate> niftyExpiries = new ArrayList<>();
            LocalDate tuesday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
            for (int week = 0; week < 6; week++) {
                niftyExpiries.add(tuesday.plusWeeks(week));
            }
            List<LocalDate> monthlies = monthlyExpiries(today, 14);
            for (LocalDate m : monthlies) {
                if (!niftyExpiries.contains(m)) {
                    niftyExpiries.add(m);
                }
            }
            niftyExpiries.sort(null);
            index(out, "NIFTY", niftyExpiries.subList(0, 18), 20_000, 50, 110, 65, 1801);
            index(out, "BANKNIFTY", monthlies.subList(0, 4), 50_000, 100, 150, 30, 601);
            index(out, "FINNIFTY", monthlies.subList(0, 3), 24_000, 50, 100, 60, 1801);
            index(out, "MIDCPNIFTY", monthlies.subList(0, 3), 12_000, 25, 100, 120, 2801);
            index(out, "NIFTYNXT50", monthlies.subList(0, 3), 65_000, 100, 100, 25, 601);
            for (int stock = 0; stock < 220; stock++) {
                String name = String.format(Locale.ROOT, "STOCK%03d", stock);
                for (LocalDate expiry : monthlies.subList(0, 3)) {
                    future(out, name, "FUTSTK", expiry, 500);
                    for (int i = 0; i < 72; i++) {
                        long strike = 500 + 10L * i;
                        option(out, name, "OPTSTK", expiry, strike, "CE", true, 500, 10_000);
                        option(out, name, "OPTSTK", expiry, strike, "PE", true, 500, 10_000);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** ~11,000 cash rows: EQ and BE plus the other series (SG, BL, SM, ...) that are skipped. */
    Path writeCm(Path file) {
        String[] otherSeries = {"SG", "BL", "SM", "N0", "MF", "GS", "TB", "ST"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", cmHeader));
            out.write('\n');
            for (int i = 0; i < 11_000; i++) {
                String series = i % 5 == 0 ? "EQ" : i % 37 == 0 ? "BE" : otherSeries[i % otherSeries.length];
                String name = String.format(Locale.ROOT, "SCRIP%05d", i);
                String[] row = cmTemplate.clone();
                set(row, cmHeader, "pSymbol", Integer.toString(100_000 + i));
                set(row, cmHeader, "pGroup", series);
                set(row, cmHeader, "pSymbolName", name);
                set(row, cmHeader, "pTrdSymbol", name + "-" + series);
                set(row, cmHeader, "pScripRefKey", name + "-" + series);
                set(row, cmHeader, "pDesc", "\"" + name + " LIMITED, SYNTHETIC\"");
                out.write(String.join(",", row));
                out.write('\n');
                cmRows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void index(BufferedWriter out, String name, List<LocalDate> expiries, long firstStrike,
                       long step, int strikes, int lot, int freeze) throws IOException {
        for (LocalDate expiry : monthlyOnly(expiries)) {
            future(out, name, "FUTIDX", expiry, lot);
        }
        for (LocalDate expiry : expiries) {
            boolean monthly = isLastOfMonth(expiry, expiries);
            for (int i = 0; i < strikes; i++) {
                long strike = firstStrike + step * i;
                option(out, name, "OPTIDX", expiry, strike, "CE", monthly, lot, freeze);
                option(out, name, "OPTIDX", expiry, strike, "PE", monthly, lot, freeze);
            }
        }
    }

    private void option(BufferedWriter out, String name, String type, LocalDate expiry, long strike, String side,
                        boolean monthly, int lot, int freeze) throws IOException {
        String yy = String.format(Locale.ROOT, "%02d", expiry.getYear() % 100);
        String mon = MONTHS[expiry.getMonthValue() - 1];
        String symbol = monthly
                ? name + yy + mon + strike + side
                : name + yy + WEEKLY_MONTH_CODES.charAt(expiry.getMonthValue() - 1)
                        + String.format(Locale.ROOT, "%02d", expiry.getDayOfMonth()) + strike + side;
        String refKey = String.format(Locale.ROOT, "%s%02d%s%s%d.00%s", name, expiry.getDayOfMonth(), mon, yy, strike,
                side);
        write(out, name, type, symbol, side, refKey, expiry, String.format(Locale.ROOT, "%g", strike * 100.0)
                .replaceAll("0+e", "e").replace(".e", "e"), lot, freeze, "5");
    }

    private void future(BufferedWriter out, String name, String type, LocalDate expiry, int lot) throws IOException {
        String yy = String.format(Locale.ROOT, "%02d", expiry.getYear() % 100);
        String mon = MONTHS[expiry.getMonthValue() - 1];
        write(out, name, type, name + yy + mon + "FUT", "XX",
                String.format(Locale.ROOT, "%s%02d%s%sFUT", name, expiry.getDayOfMonth(), mon, yy), expiry, "-1", lot,
                1801, "10");
    }

    private void write(BufferedWriter out, String name, String type, String symbol, String side, String refKey,
                       LocalDate expiry, String strikePaise, int lot, int freeze, String tick) throws IOException {
        long raw = ChronoUnit.DAYS.between(LocalDate.of(1980, 1, 1), expiry) * 86_400 + 52_200;
        String[] row = foTemplate.clone();
        set(row, foHeader, "pSymbol", Integer.toString(nextToken++));
        set(row, foHeader, "pInstType", type);
        set(row, foHeader, "pInstName", type);
        set(row, foHeader, "pSymbolName", name);
        set(row, foHeader, "pTrdSymbol", symbol);
        set(row, foHeader, "pOptionType", side);
        set(row, foHeader, "pScripRefKey", refKey);
        set(row, foHeader, "dTickSize ", tick);
        set(row, foHeader, "lLotSize", Integer.toString(lot));
        set(row, foHeader, "iLotSize", Integer.toString(lot));
        set(row, foHeader, "lExpiryDate ", Long.toString(raw));
        set(row, foHeader, "pExpiryDate", Long.toString(raw));
        set(row, foHeader, "dStrikePrice;", strikePaise);
        set(row, foHeader, "lFreezeQty", Integer.toString(freeze));
        out.write(String.join(",", row));
        out.write('\n');
        foRows++;
    }

    private static List<LocalDate> monthlyExpiries(LocalDate today, int count) {
        List<LocalDate> result = new ArrayList<>();
        LocalDate month = today.withDayOfMonth(1);
        while (result.size() < count) {
            LocalDate last = month.with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
            if (!last.isBefore(today)) {
                result.add(last);
            }
            month = month.plusMonths(1);
        }
        return result;
    }

    private static List<LocalDate> monthlyOnly(List<LocalDate> expiries) {
        return expiries.stream().filter(e -> isLastOfMonth(e, expiries)).toList();
    }

    private static boolean isLastOfMonth(LocalDate expiry, List<LocalDate> all) {
        return all.stream().noneMatch(o -> o.isAfter(expiry) && o.getYear() == expiry.getYear()
                && o.getMonth() == expiry.getMonth());
    }

    private static void set(String[] row, List<String> header, String column, String value) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        row[i] = value;
    }
}
