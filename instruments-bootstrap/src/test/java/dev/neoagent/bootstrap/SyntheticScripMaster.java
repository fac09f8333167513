package dev.neoagent.bootstrap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates full-size scrip-master files for the benchmark, shaped like the real ones: every row is a copy of a
 * real row (the paper master's templates: the raw 79-column nse_fo row of 2026-08, the nse_cm-v1 RELIANCE row)
 * with identity cells rewritten by the main code's {@link ScripRows} (the same writer as {@link PaperMaster}),
 * and the mix follows what the reference reports for a real day (~100k nse_fo rows, most of them stock options;
 * ~11k nse_cm rows, about a fifth of them EQ/BE). Synthetic, for speed measurements only: no test asserts
 * market facts on these rows.
 */
final class SyntheticScripMaster {

    private final ScripRows.Template fo;
    private final ScripRows.Template cm;
    private final ScripRows.Row cmTemplate;
    private int nextToken = 35_000;

    /** Rows written, for rows/s. */
    long foRows;

    long cmRows;

    SyntheticScripMaster() {
        fo = ScripRows.Template.resource(PaperMaster.FO_TEMPLATE);
        cm = ScripRows.Template.resource(PaperMaster.CM_ROWS);
        cmTemplate = cm.rows().stream()
                .filter(r -> r.get("pSymbol").equals("2885"))
                .findFirst()
                .orElseThrow();
    }

    /** ~100,000 rows as of {@code today}: index options, index futures, stock options and stock futures. */
    Path writeFo(Path file, LocalDate today) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(fo.headerLine());
            out.write('\n');
            List<LocalDate> niftyExpiries = new ArrayList<>(ScripRows.weeklyExpiries(today, 6));
            List<LocalDate> monthlies = ScripRows.monthlyExpiries(today, 14);
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
                        option(out, name, "OPTSTK", expiry, strike, "CE", 500, 10_000);
                        option(out, name, "OPTSTK", expiry, strike, "PE", 500, 10_000);
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
            out.write(cm.headerLine());
            out.write('\n');
            for (int i = 0; i < 11_000; i++) {
                String series = i % 5 == 0 ? "EQ" : i % 37 == 0 ? "BE" : otherSeries[i % otherSeries.length];
                String name = String.format(Locale.ROOT, "SCRIP%05d", i);
                cmTemplate
                        .set("pSymbol", 100_000 + i)
                        .set("pGroup", series)
                        .set("pSymbolName", name)
                        .set("pTrdSymbol", name + "-" + series)
                        .set("pScripRefKey", name + "-" + series)
                        .set("pDesc", name + " LIMITED, SYNTHETIC"); // quoted on write, like real descriptions
                out.write(cmTemplate.line());
                out.write('\n');
                cmRows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void index(
            BufferedWriter out,
            String name,
            List<LocalDate> expiries,
            long firstStrike,
            long step,
            int strikes,
            int lot,
            int freeze)
            throws IOException {
        for (LocalDate expiry : expiries) {
            if (ScripRows.isMonthly(expiry)) {
                future(out, name, "FUTIDX", expiry, lot);
            }
        }
        for (LocalDate expiry : expiries) {
            for (int i = 0; i < strikes; i++) {
                long strike = firstStrike + step * i;
                option(out, name, "OPTIDX", expiry, strike, "CE", lot, freeze);
                option(out, name, "OPTIDX", expiry, strike, "PE", lot, freeze);
            }
        }
    }

    private void option(
            BufferedWriter out,
            String name,
            String type,
            LocalDate expiry,
            long strike,
            String side,
            int lot,
            int freeze)
            throws IOException {
        // stock options are monthly only; index options use the weekly format except on the month's last expiry
        boolean monthly = type.equals("OPTSTK") || ScripRows.isMonthly(expiry);
        write(
                out,
                row(name, type, expiry, lot, freeze)
                        .set("pTrdSymbol", ScripRows.optionSymbol(name, expiry, strike, side, monthly))
                        .set("pOptionType", side)
                        .set("pScripRefKey", ScripRows.optionRefKey(name, expiry, strike, side))
                        .set("dTickSize ", "5")
                        .set("dStrikePrice;", ScripRows.percentG(strike * 100)));
    }

    private void future(BufferedWriter out, String name, String type, LocalDate expiry, int lot) throws IOException {
        write(
                out,
                row(name, type, expiry, lot, 1801)
                        .set("pTrdSymbol", ScripRows.futureSymbol(name, expiry))
                        .set("pOptionType", "XX")
                        .set("pScripRefKey", ScripRows.futureRefKey(name, expiry))
                        .set("dTickSize ", "10")
                        .set("dStrikePrice;", "-1"));
    }

    private ScripRows.Row row(String name, String type, LocalDate expiry, int lot, int freeze) {
        long raw = ScripRows.nseExpiry(expiry);
        return fo.row()
                .set("pSymbol", nextToken++)
                .set("pInstType", type)
                .set("pInstName", type)
                .set("pSymbolName", name)
                .set("lLotSize", lot)
                .set("iLotSize", lot)
                .set("lExpiryDate ", raw)
                .set("pExpiryDate", raw)
                .set("lFreezeQty", freeze);
    }

    private void write(BufferedWriter out, ScripRows.Row row) throws IOException {
        out.write(row.line());
        out.write('\n');
        foRows++;
    }
}
