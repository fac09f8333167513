package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.Segment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The synthetic instrument master for paper mode ({@code neo-bootstrap --paper}): a small {@code nse_fo} and
 * {@code nse_cm} CSV in Kotak's real scrip-master format, generated for a given day and loaded through the same
 * parse, validate and publish path as the real files. Deterministic: the same day gives byte-identical files.
 *
 * <p><b>nse_fo</b> (copies of the real raw 79-column row of 2026-08, identity cells rewritten; Tuesday expiries
 * per NSE's schedule for contracts from September 2025, exchange holidays not modelled):
 * <ul>
 *   <li>NIFTY options: the next {@value #NIFTY_WEEKLIES} Tuesdays and the next {@value #MONTHLIES} monthly
 *       expiries (last Tuesday of the month), strikes 23,900 to 27,900 step 50 (spot 25,900 ± 2,000), lot 65,
 *       freeze quantity 1801.</li>
 *   <li>BANKNIFTY options: the next {@value #MONTHLIES} monthly expiries (monthlies only since Nov 2024),
 *       strikes 55,000 to 63,000 step 100 (spot 59,000 ± 4,000), lot 30, freeze quantity 601.</li>
 *   <li>Tick 5 paise; trading symbols in Kotak's weekly ({@code NIFTY2611326000CE}) or monthly
 *       ({@code NIFTY26JAN26000CE}) form; a future per monthly expiry ({@code NIFTY26JANFUT}, tick 10 paise),
 *       which the load skips like a real file's.</li>
 *   <li>Tokens: {@code U·100000 + W·1000 + K·10 + S}: U = 1 NIFTY, 2 BANKNIFTY; W = the expiry's week number
 *       since 1980-01-01 modulo 100; K = strike index on the grid (0-80; 99 for the future); S = 0 CE, 1 PE.
 *       So a contract keeps its token from day to day, no two live contracts share one (their expiries are
 *       less than 100 weeks apart), and they lie in 100000-299999, above the real NSE F&O tokens of the
 *       fixtures (35115-89665), so a paper token is never mistaken for a real one.</li>
 * </ul>
 * <p><b>nse_cm</b>: the four index rows and {@value #STOCKS} liquid EQ stocks, real rows (tokens, ISIN, lot 1,
 * tick and freeze quantity by NSE's price bands) from the 2023-2025 files in {@code shared/kotak-scrip-master/};
 * ICICIBANK (token 4963), absent from those excerpts, is HDFCBANK's row with ICICI's identity and approximate
 * price band. Only {@code pLocalUpdateTime} is rewritten.
 *
 * <p>Entry points for other modules: {@link #load} (the whole paper load into a Redis, as
 * {@code neo-bootstrap --paper}), or {@code BootstrapMain.run(new String[]{"--paper", "--redis-url", url}, env,
 * out, err)}; {@link #write} to look at the files.
 */
public final class PaperMaster {

    /** {@code NEO_INSTR_INFO.source} of a paper load: {@code {"nse_fo": "synthetic (paper)", ...}}. */
    public static final String SOURCE = InstrumentKeys.PAPER_SOURCE;

    static final int NIFTY_WEEKLIES = 4;
    static final int MONTHLIES = 3;
    static final int STOCKS = 44;

    /** One underlying's option chain. */
    record Index(
            String name, int tokenPrefix, String assetCode, long spot, long halfRange, long step, int lot, int freeze) {
        long lowestStrike() {
            return spot - halfRange;
        }

        int strikes() {
            return (int) (2 * halfRange / step) + 1;
        }
    }

    static final Index NIFTY = new Index("NIFTY", 1, "26000", 25_900, 2_000, 50, 65, 1801);
    static final Index BANKNIFTY = new Index("BANKNIFTY", 2, "26009", 59_000, 4_000, 100, 30, 601);

    private static final int OPTION_TICK_PAISE = 5;
    private static final int FUTURE_TICK_PAISE = 10;
    private static final int FUTURE_STRIKE_INDEX = 99;
    /** The generation time written in every row ({@code pLocalUpdateTime}): the day's files, early morning. */
    private static final LocalTime GENERATED_AT = LocalTime.of(7, 0);

    static final String FO_TEMPLATE = "paper/nse_fo-template.csv";
    static final String CM_ROWS = "paper/nse_cm-v1-rows.csv";

    private PaperMaster() {}

    /**
     * Generates the paper master for {@code clock}'s day (Asia/Kolkata) and loads it into the Redis at
     * {@code redisUrl}, exactly as {@code neo-bootstrap --paper --redis-url URL [flags]}: the load report goes
     * to {@code out}, errors to {@code err}.
     *
     * @param flags further flags, e.g. {@code --legacy-xts-keys}, {@code --dry-run}, {@code --force}
     * @return the exit code: 0 loaded, 2 refused, 1 error
     */
    public static int load(String redisUrl, Clock clock, PrintStream out, PrintStream err, String... flags) {
        Objects.requireNonNull(redisUrl, "redisUrl");
        List<String> args = new ArrayList<>(List.of("--paper", "--redis-url", redisUrl));
        args.addAll(Arrays.asList(flags));
        return BootstrapMain.run(args.toArray(new String[0]), Map.of(), out, err, clock);
    }

    /** The two generated files, as written by {@link #write}. */
    public record Written(Path nseFo, Path nseCm) {}

    /** Writes the paper master of {@code today} as {@code dir/nse_fo.csv} and {@code dir/nse_cm-v1.csv}. */
    public static Written write(Path dir, LocalDate today) {
        try {
            Path fo = Files.writeString(dir.resolve("nse_fo.csv"), nseFo(today), StandardCharsets.UTF_8);
            Path cm = Files.writeString(dir.resolve("nse_cm-v1.csv"), nseCm(today), StandardCharsets.UTF_8);
            return new Written(fo, cm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The option expiries generated for {@code underlying} ({@code NIFTY} or {@code BANKNIFTY}), ascending. */
    public static List<LocalDate> expiries(String underlying, LocalDate today) {
        return switch (underlying) {
            case "NIFTY" -> {
                TreeSet<LocalDate> all = new TreeSet<>(ScripRows.weeklyExpiries(today, NIFTY_WEEKLIES));
                all.addAll(ScripRows.monthlyExpiries(today, MONTHLIES));
                yield List.copyOf(all);
            }
            case "BANKNIFTY" -> ScripRows.monthlyExpiries(today, MONTHLIES);
            default -> throw new IllegalArgumentException("the paper master has no options on " + underlying);
        };
    }

    /** The sources a {@code --paper} run reads: generated in memory, never written to disk. */
    static List<ScripSource> sources(LocalDate today) {
        return List.of(
                new ScripSource.Generated(Segment.NSE_FO, SOURCE, nseFo(today).getBytes(StandardCharsets.UTF_8)),
                new ScripSource.Generated(Segment.NSE_CM, SOURCE, nseCm(today).getBytes(StandardCharsets.UTF_8)));
    }

    /** The nse_fo CSV of {@code today}. */
    static String nseFo(LocalDate today) {
        ScripRows.Template template = ScripRows.Template.resource(FO_TEMPLATE);
        long updated = ScripRows.nseSeconds(today.atTime(GENERATED_AT));
        StringBuilder csv = new StringBuilder(400 * 1800);
        csv.append(template.headerLine()).append('\n');
        for (Index index : List.of(NIFTY, BANKNIFTY)) {
            List<LocalDate> expiries = expiries(index.name(), today);
            for (LocalDate expiry : expiries) {
                if (ScripRows.isMonthly(expiry)) {
                    csv.append(future(template, index, expiry, updated)).append('\n');
                }
            }
            for (LocalDate expiry : expiries) {
                for (int k = 0; k < index.strikes(); k++) {
                    for (String side : List.of("CE", "PE")) {
                        csv.append(option(template, index, expiry, k, side, updated))
                                .append('\n');
                    }
                }
            }
        }
        return csv.toString();
    }

    /** The nse_cm CSV of {@code today}: the real rows, stamped with the generation time. */
    static String nseCm(LocalDate today) {
        ScripRows.Template rows = ScripRows.Template.resource(CM_ROWS);
        String updated = Long.toString(ScripRows.nseSeconds(today.atTime(GENERATED_AT)));
        StringBuilder csv = new StringBuilder(350 * 50);
        csv.append(rows.headerLine()).append('\n');
        for (ScripRows.Row row : rows.rows()) {
            csv.append(row.set("pLocalUpdateTime", updated).line()).append('\n');
        }
        return csv.toString();
    }

    /** The instrument token of a paper contract (see the class comment). */
    static long token(Index index, LocalDate expiry, int strikeIndex, String side) {
        long week = Math.floorDiv(ScripRows.nseMidnight(expiry), 7 * 86_400L);
        return index.tokenPrefix() * 100_000L
                + Math.floorMod(week, 100) * 1_000L
                + strikeIndex * 10L
                + ("PE".equals(side) ? 1 : 0);
    }

    private static String option(
            ScripRows.Template template, Index index, LocalDate expiry, int strikeIndex, String side, long updated) {
        long strike = index.lowestStrike() + strikeIndex * index.step();
        boolean monthly = ScripRows.isMonthly(expiry);
        ScripRows.Row row = contract(template, index, expiry, monthly, updated)
                .set("pSymbol", token(index, expiry, strikeIndex, side))
                .set("pInstType", "OPTIDX")
                .set("pInstName", "OPTIDX")
                .set("pTrdSymbol", ScripRows.optionSymbol(index.name(), expiry, strike, side, monthly))
                .set("pOptionType", side)
                .set("pScripRefKey", ScripRows.optionRefKey(index.name(), expiry, strike, side))
                .set("dTickSize ", OPTION_TICK_PAISE)
                .set("dStrikePrice;", ScripRows.percentG(strike * 100))
                .set("pExerciseStartDate", ScripRows.nseMidnight(expiry))
                .set("pExerciseEndDate", ScripRows.nseExpiry(expiry));
        return row.line();
    }

    private static String future(ScripRows.Template template, Index index, LocalDate expiry, long updated) {
        ScripRows.Row row = contract(template, index, expiry, true, updated)
                .set("pSymbol", token(index, expiry, FUTURE_STRIKE_INDEX, "XX"))
                .set("pInstType", "FUTIDX")
                .set("pInstName", "FUTIDX")
                .set("pTrdSymbol", ScripRows.futureSymbol(index.name(), expiry))
                .set("pOptionType", "XX")
                .set("pScripRefKey", ScripRows.futureRefKey(index.name(), expiry))
                .set("dTickSize ", FUTURE_TICK_PAISE)
                .set("dStrikePrice;", "-1")
                .set("pExerciseStartDate", "")
                .set("pExerciseEndDate", "")
                .set("iPermittedToTrade", "0");
        return row.line();
    }

    /** The cells every contract of {@code index} expiring on {@code expiry} shares. */
    private static ScripRows.Row contract(
            ScripRows.Template template, Index index, LocalDate expiry, boolean monthly, long updated) {
        long expiryRaw = ScripRows.nseExpiry(expiry);
        // listed the day after the expiry of the same kind 5 weeks (weekly) or 3 months (monthly) earlier
        LocalDate listed = monthly
                ? expiry.minusMonths(3)
                        .with(TemporalAdjusters.lastInMonth(ScripRows.EXPIRY_DAY))
                        .plusDays(1)
                : expiry.minus(5, ChronoUnit.WEEKS).plusDays(1);
        return template.row()
                .set("pSymbolName", index.name())
                .set("pAssetCode", index.assetCode())
                .set("lLotSize", index.lot())
                .set("iLotSize", index.lot())
                .set("lExpiryDate ", expiryRaw)
                .set("pExpiryDate", expiryRaw)
                .set("pMaturityDate", expiryRaw)
                .set("pIssueDate", ScripRows.nseMidnight(listed))
                .set("pListingDate", ScripRows.nseMidnight(listed))
                .set("pLocalUpdateTime", updated)
                .set("iMaxOrderSize ", index.freeze() + ".00")
                .set("lFreezeQty", index.freeze());
    }
}
