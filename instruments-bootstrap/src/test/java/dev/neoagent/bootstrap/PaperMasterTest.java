package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.domain.Segment;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper master's generated files, without Redis: format, content, tokens, and the real parser's verdict. */
class PaperMasterTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** A Monday: the next expiry is tomorrow (a weekly), the month's last Tuesday is the 27th. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

    private static List<CSVRecord> records(String csv) {
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CSVRecord> options(String csv) {
        return records(csv).stream()
                .filter(r -> r.get("pInstType").equals("OPTIDX"))
                .toList();
    }

    @Test
    void niftyHasTheNextFourTuesdaysAndThreeMonthliesBankNiftyThreeMonthlies() {
        assertThat(PaperMaster.expiries("NIFTY", MONDAY))
                .containsExactly(
                        LocalDate.of(2026, 1, 6),
                        LocalDate.of(2026, 1, 13),
                        LocalDate.of(2026, 1, 20),
                        LocalDate.of(2026, 1, 27),
                        LocalDate.of(2026, 2, 24),
                        LocalDate.of(2026, 3, 31));
        assertThat(PaperMaster.expiries("BANKNIFTY", MONDAY))
                .containsExactly(LocalDate.of(2026, 1, 27), LocalDate.of(2026, 2, 24), LocalDate.of(2026, 3, 31));
        // the day after a monthly expiry: the next month's weeklies, and three monthlies from there
        LocalDate wednesday = LocalDate.of(2026, 1, 28);
        assertThat(PaperMaster.expiries("NIFTY", wednesday))
                .containsExactly(
                        LocalDate.of(2026, 2, 3),
                        LocalDate.of(2026, 2, 10),
                        LocalDate.of(2026, 2, 17),
                        LocalDate.of(2026, 2, 24),
                        LocalDate.of(2026, 3, 31),
                        LocalDate.of(2026, 4, 28));
        assertThat(PaperMaster.expiries("BANKNIFTY", wednesday))
                .containsExactly(LocalDate.of(2026, 2, 24), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 28));
        assertThatThrownBy(() -> PaperMaster.expiries("FINNIFTY", MONDAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onAnExpiryDayTheContractExpiringTodayIsStillThere() {
        LocalDate monthlyTuesday = LocalDate.of(2026, 1, 27);
        assertThat(PaperMaster.expiries("NIFTY", monthlyTuesday)).startsWith(monthlyTuesday, LocalDate.of(2026, 2, 3));
        assertThat(PaperMaster.expiries("BANKNIFTY", monthlyTuesday)).startsWith(monthlyTuesday);
    }

    @Test
    void everyExpiryOfEveryDayOfTwoYearsIsATuesdayWithAtLeastTwoWeekliesAndTheNextMonthly() {
        for (LocalDate next = LocalDate.of(2026, 1, 1); next.getYear() < 2028; next = next.plusDays(1)) {
            LocalDate day = next;
            List<LocalDate> nifty = PaperMaster.expiries("NIFTY", day);
            List<LocalDate> bankNifty = PaperMaster.expiries("BANKNIFTY", day);
            assertThat(nifty)
                    .as("%s", day)
                    .allMatch(d -> d.getDayOfWeek() == DayOfWeek.TUESDAY)
                    .allMatch(d -> !d.isBefore(day))
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(nifty.stream().filter(d -> !ScripRows.isMonthly(d)).count())
                    .as("%s", day)
                    .isGreaterThanOrEqualTo(2);
            assertThat(bankNifty)
                    .as("%s", day)
                    .hasSize(3)
                    .allMatch(ScripRows::isMonthly)
                    .allMatch(d -> !d.isBefore(day));
            // the next monthly is loaded for both, and it is this month's last Tuesday or the next month's
            assertThat(nifty).contains(bankNifty.get(0));
            assertThat(bankNifty.get(0)).isBefore(day.plusDays(36));
        }
    }

    @Test
    void onTheRealFilesDayEveryPaperContractIsSpelledExactlyAsKotakSpellsIt() {
        // the real NIFTY file of 2025-12-22: (expiry, strike, side) → trading symbol, ref key, expiry cell
        Map<String, List<String>> real = new HashMap<>();
        for (CSVRecord r : Fixtures.records(Fixtures.NIFTY_FO)) {
            if (r.get("pInstType").equals("OPTIDX")) {
                long expiry = (long) Double.parseDouble(r.get("lExpiryDate "));
                long strike = (long) Double.parseDouble(r.get("dStrikePrice;")) / 100;
                real.put(
                        expiry + "|" + strike + "|" + r.get("pOptionType"),
                        List.of(r.get("pTrdSymbol"), r.get("pScripRefKey")));
            }
        }
        int matched = 0;
        for (CSVRecord paper : options(PaperMaster.nseFo(Fixtures.FIXTURE_DAY))) {
            if (!paper.get("pSymbolName").equals("NIFTY")) {
                continue;
            }
            String key = paper.get("lExpiryDate ") + "|" + (long) Double.parseDouble(paper.get("dStrikePrice;")) / 100
                    + "|" + paper.get("pOptionType");
            List<String> spelled = real.get(key);
            assertThat(spelled)
                    .as("the real file has %s (%s)", paper.get("pTrdSymbol"), key)
                    .isNotNull();
            assertThat(List.of(paper.get("pTrdSymbol"), paper.get("pScripRefKey")))
                    .isEqualTo(spelled);
            matched++;
        }
        // every NIFTY paper option: 6 expiries (weeklies 23-Dec, 6-Jan, 13-Jan; monthlies 30-Dec, 27-Jan,
        // 24-Feb), 81 strikes, CE and PE
        assertThat(matched).isEqualTo(6 * 81 * 2);
        assertThat(PaperMaster.expiries("NIFTY", Fixtures.FIXTURE_DAY))
                .containsExactly(
                        LocalDate.of(2025, 12, 23),
                        LocalDate.of(2025, 12, 30),
                        LocalDate.of(2026, 1, 6),
                        LocalDate.of(2026, 1, 13),
                        LocalDate.of(2026, 1, 27),
                        LocalDate.of(2026, 2, 24));
    }

    @Test
    void nseFoHasKotaksRawHeaderAndNumberStyle() {
        String csv = PaperMaster.nseFo(MONDAY);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) 'p'); // no BOM
        assertThat(csv).endsWith("\n").doesNotContain("\r");
        String header = csv.substring(0, csv.indexOf('\n'));
        assertThat(header).isEqualTo(Fixtures.lines(Fixtures.ONE_ROW_79_COLUMNS).get(0));
        assertThat(header.split(",", -1))
                .hasSize(79)
                .contains("dStrikePrice;", "lExpiryDate ", "dTickSize ", "dPriceNum   ", "CASEligible");
        assertThat(csv.lines().skip(1)).allMatch(line -> line.split(",", -1).length == 79);

        CSVRecord atm = options(csv).stream()
                .filter(r -> r.get("pTrdSymbol").equals("NIFTY2610625900CE"))
                .findFirst()
                .orElseThrow();
        assertThat(atm.get("pSymbol")).isEqualTo("101400");
        assertThat(atm.get("pExchSeg")).isEqualTo("nse_fo");
        assertThat(atm.get("pGroup")).isEqualTo("XX");
        assertThat(atm.get("pScripRefKey")).isEqualTo("NIFTY06JAN2625900.00CE");
        assertThat(atm.get("pAssetCode")).isEqualTo("26000");
        assertThat(atm.get("dStrikePrice;")).isEqualTo("2.59e+06"); // C %g, as the raw file
        assertThat(atm.get("dTickSize ")).isEqualTo("5");
        assertThat(atm.get("lLotSize")).isEqualTo("65");
        assertThat(atm.get("iLotSize")).isEqualTo("65");
        assertThat(atm.get("lFreezeQty")).isEqualTo("1801");
        assertThat(atm.get("iMaxOrderSize ")).isEqualTo("1801.00");
        // 1980-IST epoch at 14:30, pExpiryDate = lExpiryDate; Unix = value + 315513000
        long raw = Long.parseLong(atm.get("lExpiryDate "));
        assertThat(atm.get("pExpiryDate")).isEqualTo(atm.get("lExpiryDate "));
        assertThat(Instant.ofEpochSecond(raw + 315_513_000L).atZone(IST).toLocalDateTime())
                .isEqualTo(LocalDate.of(2026, 1, 6).atTime(14, 30));
        assertThat(Instant.ofEpochSecond(Long.parseLong(atm.get("pLocalUpdateTime")) + 315_513_000L)
                        .atZone(IST)
                        .toLocalDateTime())
                .isEqualTo(MONDAY.atTime(LocalTime.of(7, 0)));

        CSVRecord bank = options(csv).stream()
                .filter(r -> r.get("pTrdSymbol").equals("BANKNIFTY26JAN59000PE"))
                .findFirst()
                .orElseThrow();
        assertThat(bank.get("pSymbol")).isEqualTo("204401");
        assertThat(bank.get("pScripRefKey")).isEqualTo("BANKNIFTY27JAN2659000.00PE");
        assertThat(bank.get("pAssetCode")).isEqualTo("26009");
        assertThat(bank.get("dStrikePrice;")).isEqualTo("5.9e+06");
        assertThat(bank.get("lLotSize")).isEqualTo("30");
        assertThat(bank.get("lFreezeQty")).isEqualTo("601");

        List<CSVRecord> futures = records(csv).stream()
                .filter(r -> r.get("pInstType").equals("FUTIDX"))
                .toList();
        assertThat(futures)
                .extracting(r -> r.get("pTrdSymbol"))
                .containsExactly(
                        "NIFTY26JANFUT",
                        "NIFTY26FEBFUT",
                        "NIFTY26MARFUT",
                        "BANKNIFTY26JANFUT",
                        "BANKNIFTY26FEBFUT",
                        "BANKNIFTY26MARFUT");
        assertThat(futures)
                .allMatch(r -> r.get("pOptionType").equals("XX")
                        && r.get("dStrikePrice;").equals("-1")
                        && r.get("dTickSize ").equals("10"));
    }

    @Test
    void strikesSpanTheSpotPlusMinusTheRangeOnTheIndexsStep() {
        List<CSVRecord> options = options(PaperMaster.nseFo(MONDAY));
        assertThat(options).hasSize((6 + 3) * 81 * 2);
        for (String name : List.of("NIFTY", "BANKNIFTY")) {
            Set<Long> strikes = new HashSet<>();
            for (CSVRecord r : options) {
                if (r.get("pSymbolName").equals(name)) {
                    strikes.add(Math.round(Double.parseDouble(r.get("dStrikePrice;")) / 100));
                }
            }
            long low = name.equals("NIFTY") ? 23_900 : 55_000;
            long step = name.equals("NIFTY") ? 50 : 100;
            assertThat(strikes)
                    .as(name)
                    .hasSize(81)
                    .contains(low, low + 80 * step)
                    .allMatch(s -> (s - low) % step == 0 && s >= low && s <= low + 80 * step);
        }
    }

    @Test
    void tokensAreUniqueEachDayAndAContractKeepsItsTokenFromDayToDay() {
        Map<String, String> tokenOfSymbol = new HashMap<>();
        // every other day of a year: a contract is listed for up to 13 weeks, so each one is seen many times
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(2)) {
            Set<String> tokens = new HashSet<>();
            // nse_fo has no quoted cells: a plain split is enough (and fast); pSymbol is column 0, pTrdSymbol 5
            for (String line : PaperMaster.nseFo(day).lines().skip(1).toList()) {
                String[] cells = line.split(",", 7);
                String token = cells[0];
                String symbol = cells[5];
                if (!tokens.add(token)) {
                    throw new AssertionError("token " + token + " twice on " + day);
                }
                if (token.length() != 6 || token.charAt(0) < '1' || token.charAt(0) > '2') {
                    throw new AssertionError("token " + token + " outside 100000-299999");
                }
                String before = tokenOfSymbol.putIfAbsent(symbol, token);
                if (before != null && !before.equals(token)) {
                    throw new AssertionError(symbol + " changed token from " + before + " to " + token + " on " + day);
                }
            }
        }
        // NIFTY: 52 Tuesdays of 2026 + 3 monthlies of 2027; BANKNIFTY: 15 monthlies; x 81 strikes x CE/PE
        assertThat(tokenOfSymbol).hasSizeGreaterThan((55 + 15) * 81 * 2);
    }

    @Test
    void theSameDayGivesTheSameBytes() {
        assertThat(PaperMaster.nseFo(MONDAY)).isEqualTo(PaperMaster.nseFo(MONDAY));
        assertThat(PaperMaster.nseCm(MONDAY)).isEqualTo(PaperMaster.nseCm(MONDAY));
        assertThat(PaperMaster.nseFo(MONDAY.plusDays(1))).isNotEqualTo(PaperMaster.nseFo(MONDAY));
    }

    @Test
    void nseCmIsRealRowsWithTheV1HeaderIndexRowsFirst() {
        String csv = PaperMaster.nseCm(MONDAY);
        assertThat(csv.substring(0, csv.indexOf('\n')))
                .isEqualTo(Fixtures.lines(Fixtures.CM_V1_2025_12).get(0));
        List<CSVRecord> rows = records(csv);
        assertThat(rows).hasSize(4 + PaperMaster.STOCKS);
        assertThat(rows.subList(0, 4))
                .extracting(r -> r.get("pSymbol"))
                .containsExactly("26000", "26009", "26037", "26074");
        assertThat(rows).allMatch(r -> r.size() == 79);
        List<CSVRecord> stocks = rows.subList(4, rows.size());
        assertThat(stocks)
                .allMatch(r -> r.get("pGroup").equals("EQ")
                        && r.get("lLotSize").equals("1")
                        && r.get("pTrdSymbol").equals(r.get("pSymbolName") + "-EQ"));
        assertThat(stocks).extracting(r -> r.get("pSymbol")).doesNotHaveDuplicates();
        Map<String, String> tokens = new HashMap<>();
        stocks.forEach(r -> tokens.put(r.get("pSymbolName"), r.get("pSymbol")));
        assertThat(tokens)
                .containsEntry("RELIANCE", "2885")
                .containsEntry("HDFCBANK", "1333")
                .containsEntry("INFY", "1594")
                .containsEntry("TCS", "11536")
                .containsEntry("ICICIBANK", "4963")
                .containsEntry("SBIN", "3045")
                .containsEntry("ITC", "1660")
                .containsEntry("IDEA", "14366")
                .containsEntry("M&M", "2031")
                .containsEntry("BAJAJ-AUTO", "16669");
        // every row but ICICIBANK (see PaperMaster) is a real row, only pLocalUpdateTime restamped
        Set<String> realLines = new HashSet<>();
        for (String file :
                List.of(Fixtures.CM_V1_2025_12, Fixtures.CM_V1_2025_11, Fixtures.CM_2025_07, Fixtures.CM_2023)) {
            int updated = Fixtures.column(file, "pLocalUpdateTime");
            for (CSVRecord r : Fixtures.records(file)) {
                List<String> cells = new ArrayList<>(r.toList());
                cells.set(updated, "");
                realLines.add(String.join("\u0001", cells.subList(0, 78)));
            }
        }
        int updated = Fixtures.column(Fixtures.CM_V1_2025_12, "pLocalUpdateTime");
        for (CSVRecord r : rows) {
            if (r.get("pSymbol").equals("4963")) {
                continue;
            }
            List<String> cells = new ArrayList<>(r.toList());
            cells.set(updated, "");
            assertThat(realLines).as(r.get("pTrdSymbol")).contains(String.join("\u0001", cells.subList(0, 78)));
        }
        // quoting kept: a surveillance message with a comma is one quoted cell
        assertThat(csv).contains(",\"High low price variation was greater than 75% in previous 3 months,High low");
    }

    @Test
    void theRealParserAcceptsEveryRowAndSkipsOnlyFuturesAndIndexRows() throws IOException {
        Selection selection = new Selection(Selection.withDefaults(List.of()), MONDAY);
        ScripMasterParser parser = new ScripMasterParser(selection);
        InstrumentSetBuilder builder = new InstrumentSetBuilder();
        FileResult fo =
                parser.parse(Segment.NSE_FO, PaperMaster.SOURCE, new StringReader(PaperMaster.nseFo(MONDAY)), builder);
        FileResult cm =
                parser.parse(Segment.NSE_CM, PaperMaster.SOURCE, new StringReader(PaperMaster.nseCm(MONDAY)), builder);

        assertThat(fo.problem()).isEmpty();
        assertThat(fo.rejected()).isZero();
        assertThat(fo.accepted()).isEqualTo((6 + 3) * 81 * 2);
        assertThat(fo.skippedTotal()).isEqualTo(fo.skipped(SkipReason.FUTURE)).isEqualTo(6);
        assertThat(cm.problem()).isEmpty();
        assertThat(cm.rejected()).isZero();
        assertThat(cm.accepted()).isEqualTo(PaperMaster.STOCKS);
        assertThat(cm.skippedTotal())
                .isEqualTo(cm.skipped(SkipReason.OTHER_SERIES))
                .isEqualTo(4);
        InstrumentSet set = builder.build();
        assertThat(set.conflictRows()).isZero();
        assertThat(set.duplicateRows()).isZero();
        assertThat(set.optionCount("NIFTY")).isEqualTo(6 * 81 * 2);
        assertThat(set.optionCount("BANKNIFTY")).isEqualTo(3 * 81 * 2);
    }

    @ParameterizedTest
    @CsvSource({
        "2600000, 2.6e+06",
        "2595000, 2.595e+06",
        "2601250, 2.60125e+06",
        "2000000, 2e+06",
        "5910000, 5.91e+06",
        "12345600, 1.23456e+07",
        "950000, 950000",
        "-1, -1",
        "0, 0",
    })
    void percentGPrintsLikeC(long value, String expected) {
        assertThat(ScripRows.percentG(value)).isEqualTo(expected);
    }

    @Test
    void percentGRefusesWhatItWouldRound() {
        assertThatThrownBy(() -> ScripRows.percentG(2_601_234)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvCellsAreQuotedOnlyWhenNeeded() {
        assertThat(ScripRows.csvLine(List.of("a", "", "b c", "x,y", "say \"hi\"", "dTickSize ")))
                .isEqualTo("a,,b c,\"x,y\",\"say \"\"hi\"\"\",dTickSize ");
    }
}
