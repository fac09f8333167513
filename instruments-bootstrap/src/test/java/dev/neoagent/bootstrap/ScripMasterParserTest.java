package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.domain.Segment;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser on the real scrip-master rows in shared/kotak-scrip-master/. */
class ScripMasterParserTest {

    /** The date inside pScripRefKey, {@code 27JAN26}. */
    private static final DateTimeFormatter REF_KEY_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("ddMMMyy")
            .toFormatter(Locale.ENGLISH);

    private record Parsed(FileResult result, InstrumentSet set) {
        Map<String, String> json() {
            return set.meta();
        }
    }

    private static Parsed parse(Segment segment, Reader reader, LocalDate today, String... underlyings)
            throws IOException {
        Set<String> names = underlyings.length == 0 ? Selection.withDefaults(List.of()) : Set.of(underlyings);
        InstrumentSetBuilder builder = new InstrumentSetBuilder();
        FileResult result = new ScripMasterParser(new Selection(names, today)).parse(segment, "test", reader, builder);
        return new Parsed(result, builder.build());
    }

    private static Parsed parseFile(Segment segment, Path path, LocalDate today) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            return parse(segment, reader, today);
        }
    }

    private static Parsed parseLines(Segment segment, List<String> lines, LocalDate today) throws IOException {
        return parse(segment, new StringReader(String.join("\n", lines) + "\n"), today);
    }

    // ---------------------------------------------------------------- real nse_fo rows

    @Test
    void everyNiftyOptionOfTheRealFileLoadsWhenAllAreLive() throws IOException {
        Parsed p = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.NIFTY_FO), Fixtures.FIXTURE_DAY);

        assertThat(p.result().problem()).isEmpty();
        assertThat(p.result().rowsRead()).isEqualTo(3900);
        assertThat(p.result().rejected())
                .as("rejections: %s", p.result().firstRejections())
                .isZero();
        assertThat(p.result().skipped()).isEqualTo(Map.of(SkipReason.FUTURE, 3L));
        assertThat(p.set().options()).hasSize(3897);
        assertThat(p.set().meta()).hasSize(3897);
        assertThat(p.set().duplicateRows()).isZero();
        assertThat(p.set().conflictRows()).isZero();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // token, trading symbol,  NEO_INSTR_OPT field,            lot, weekday of expiry
        "58801, NIFTY26JAN26000CE,  NIFTY_2026-01-27_CE_26000, 65, TUESDAY", // monthly, the UI's date
        "46175, NIFTY2611326000CE,  NIFTY_2026-01-13_CE_26000, 65, TUESDAY", // weekly
        "42233, NIFTY25D2322150CE,  NIFTY_2025-12-23_CE_22150, 75, TUESDAY", // weekly, December code 'D', lot 75
        "59332, NIFTY26JAN30700PE,  NIFTY_2026-01-27_PE_30700, 65, TUESDAY", // first row of the file
        "65716, NIFTY25DEC26700PE,  NIFTY_2025-12-30_PE_26700, 75, TUESDAY", // last Tuesday of December
    })
    void knownContractsResolveToTheRightTokenSymbolExpiryStrikeAndLot(
            String token, String symbol, String field, long lot, DayOfWeek weekday) throws IOException {
        Parsed p = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.NIFTY_FO), Fixtures.FIXTURE_DAY);

        assertThat(p.set().options()).containsEntry(field, token);
        String json = p.json().get("nse_fo|" + token);
        assertThat(json)
                .contains(
                        "\"tsym\": \"" + symbol + "\"",
                        "\"lot\": " + lot + ",",
                        "\"tick\": \"0.05\"",
                        "\"freeze\": 1801}");
        String[] parts = field.split("_");
        assertThat(json)
                .contains(
                        "\"expiry\": \"" + parts[1] + "\"",
                        "\"opt\": \"" + parts[2] + "\"",
                        "\"strike\": \"" + parts[3] + "\"");
        assertThat(LocalDate.parse(parts[1]).getDayOfWeek()).isEqualTo(weekday);
    }

    @Test
    void theHolidayShiftedMonthlyAndTheLongDatedOnesDecodeRight() throws IOException {
        Parsed p = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.NIFTY_FO), Fixtures.FIXTURE_DAY);
        Map<String, String> bySymbol = bySymbol(p);
        // 25-Dec-2029 is a holiday: that monthly expires on Monday the 24th
        assertThat(bySymbol.get("NIFTY29DEC26000CE")).contains("\"expiry\": \"2029-12-24\"");
        assertThat(LocalDate.of(2029, 12, 24).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(bySymbol.get("NIFTY30JUN20000CE")).contains("\"expiry\": \"2030-06-25\"");
    }

    @Test
    void allExpiriesAreTuesdaysExceptTheHolidayShiftAndMatchTheDateInsidePScripRefKey() throws IOException {
        Parsed p = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.NIFTY_FO), Fixtures.FIXTURE_DAY);

        List<LocalDate> expiries = p.set().expiries().get("NIFTY");
        assertThat(expiries)
                .hasSize(18)
                .isSorted()
                .startsWith(LocalDate.of(2025, 12, 23))
                .endsWith(LocalDate.of(2030, 6, 25));
        assertThat(expiries.stream().filter(d -> d.getDayOfWeek() != DayOfWeek.TUESDAY))
                .containsExactly(LocalDate.of(2029, 12, 24));

        // independent of the loader's own cross-check: read the date out of pScripRefKey (NIFTY27JAN2626000.00CE)
        Map<String, String> refKeys = Fixtures.records(Fixtures.NIFTY_FO).stream()
                .filter(r -> r.get("pInstType").equals("OPTIDX"))
                .collect(Collectors.toMap(r -> r.get("pSymbol"), r -> r.get("pScripRefKey")));
        for (Map.Entry<String, String> entry : p.set().options().entrySet()) {
            String ref = refKeys.get(entry.getValue());
            LocalDate fromRef = LocalDate.parse(ref.substring(5, 12), REF_KEY_DATE);
            assertThat(entry.getKey()).contains("_" + fromRef + "_");
        }
    }

    @Test
    void theRaw79ColumnRowWithScientificNotationLoads() throws IOException {
        Parsed p = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.ONE_ROW_79_COLUMNS), Fixtures.FIXTURE_DAY);

        assertThat(p.result().problem()).isEmpty();
        assertThat(p.result().rejected()).isZero();
        // strike 2.1e+06 paise, expiry 1474554600 = Tue 2026-09-22, extra 79th column CASEligible ignored
        assertThat(p.set().options()).containsExactly(Map.entry("NIFTY_2026-09-22_PE_21000", "56526"));
        assertThat(p.json().get("nse_fo|56526"))
                .isEqualTo("{\"tsym\": \"NIFTY2692221000PE\", \"seg\": \"nse_fo\", "
                        + "\"name\": \"NIFTY\", \"expiry\": \"2026-09-22\", \"strike\": \"21000\", \"opt\": \"PE\", "
                        + "\"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
    }

    @Test
    void expiredContractsAreLeftOutAndTodaysStayIn() throws IOException {
        Parsed onExpiryDay = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.NIFTY_FO), LocalDate.of(2025, 12, 23));
        assertThat(onExpiryDay.set().expiries().get("NIFTY")).first().isEqualTo(LocalDate.of(2025, 12, 23));

        Parsed dayAfter = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.NIFTY_FO), LocalDate.of(2025, 12, 24));
        assertThat(dayAfter.set().expiries().get("NIFTY")).first().isEqualTo(LocalDate.of(2025, 12, 30));
        assertThat(dayAfter.result().skipped(SkipReason.EXPIRED)).isEqualTo(440);
        assertThat(dayAfter.set().options()).hasSize(3897 - 440).doesNotContainKey("NIFTY_2025-12-23_CE_22150");
    }

    @Test
    void underlyingsAreMatchedExactly() throws IOException {
        // NIFTY rows only; selecting FINNIFTY must not pick them up by prefix
        Parsed p = parse(
                Segment.NSE_FO,
                Files.newBufferedReader(Fixtures.file(Fixtures.NIFTY_FO)),
                Fixtures.FIXTURE_DAY,
                "FINNIFTY",
                "NIFTYNXT50");
        assertThat(p.set().options()).isEmpty();
        assertThat(p.result().skipped(SkipReason.NOT_SELECTED)).isEqualTo(3900);
    }

    // ---------------------------------------------------------------- real nse_cm rows

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        Fixtures.CM_2023 + ",       1476",
        Fixtures.CM_2025_07 + ",    1253",
        Fixtures.CM_V1_2025_11 + ", 1105",
        Fixtures.CM_V1_2025_12 + ", 1088",
    })
    void everyEqAndBeRowOfTheRealCashFilesLoads(String file, int eqAndBe) throws IOException {
        Parsed p = parseFile(Segment.NSE_CM, Fixtures.file(file), Fixtures.FIXTURE_DAY);

        assertThat(p.result().problem()).isEmpty();
        assertThat(p.result().rejected())
                .as("rejections: %s", p.result().firstRejections())
                .isZero();
        assertThat(p.set().equities()).hasSize(eqAndBe);
        assertThat(p.result().skipped(SkipReason.OTHER_SERIES))
                .isEqualTo(p.result().rowsRead() - eqAndBe);
        // index rows (26000 NIFTY ...) have no series and never become cash scrips
        assertThat(p.set().equities()).doesNotContainKeys("NIFTY", "BANKNIFTY");
    }

    @Test
    void knownCashScripsResolve() throws IOException {
        Parsed dec = parseFile(Segment.NSE_CM, Fixtures.file(Fixtures.CM_V1_2025_12), Fixtures.FIXTURE_DAY);
        assertThat(dec.set().equities())
                .containsEntry("RELIANCE", "2885")
                .containsEntry("TCS", "11536")
                .containsEntry("M&M", "2031")
                .containsEntry("BAJAJ-AUTO", "16669");
        assertThat(dec.json().get("nse_cm|2885"))
                .isEqualTo("{\"tsym\": \"RELIANCE-EQ\", \"seg\": \"nse_cm\", "
                        + "\"name\": \"RELIANCE\", \"lot\": 1, \"tick\": \"0.10\", \"freeze\": 54129}");
        // the BL (block deal) series of the same names is not loaded
        assertThat(dec.json()).doesNotContainKey("nse_cm|12567");

        Parsed old = parseFile(Segment.NSE_CM, Fixtures.file(Fixtures.CM_2023), Fixtures.FIXTURE_DAY);
        assertThat(old.set().equities()).containsEntry("IDEA", "14366").containsEntry("RELIANCE", "2885");
        assertThat(old.json().get("nse_cm|2885")).contains("\"tick\": \"0.05\"");
    }

    @Test
    void quotedCellsWithCommasInSurveillanceMessageDoNotShiftColumns() throws IOException {
        List<String> quoted = Fixtures.lines(Fixtures.CM_V1_2025_11).stream()
                .filter(l -> l.contains("\""))
                .toList();
        assertThat(quoted).isNotEmpty();
        Parsed p = parseFile(Segment.NSE_CM, Fixtures.file(Fixtures.CM_V1_2025_11), Fixtures.FIXTURE_DAY);
        assertThat(p.result().rejected()).isZero(); // a shifted row would have the wrong field count
    }

    // ---------------------------------------------------------------- header quirks and bad files

    @Test
    void headerNamesAreTrimmedAndLoseTheirSemicolon() {
        assertThat(ScripColumns.normalise("lExpiryDate ")).isEqualTo("lExpiryDate");
        assertThat(ScripColumns.normalise("dPriceNum   ")).isEqualTo("dPriceNum");
        assertThat(ScripColumns.normalise("dStrikePrice;")).isEqualTo("dStrikePrice");
        assertThat(ScripColumns.normalise("\uFEFFpSymbol")).isEqualTo("pSymbol");
    }

    @Test
    void columnsAreFoundByNameNotPosition() throws IOException {
        // move lLotSize to the end of every line: values must follow the header, not the position
        List<String> lines = Fixtures.lines(Fixtures.ONE_ROW_79_COLUMNS);
        List<String> moved = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            String lot = cells.remove(16);
            cells.add(lot);
            moved.add(String.join(",", cells));
        }
        Parsed p = parseLines(Segment.NSE_FO, moved, Fixtures.FIXTURE_DAY);
        assertThat(p.set().options()).containsEntry("NIFTY_2026-09-22_PE_21000", "56526");
        assertThat(p.json().get("nse_fo|56526")).contains("\"lot\": 65,");
    }

    @Test
    void theSixColumnExtractIsRefusedForMissingColumns() throws IOException {
        Parsed p = parseFile(Segment.NSE_FO, Fixtures.file(Fixtures.SIX_COLUMN_EXTRACT), Fixtures.FIXTURE_DAY);
        assertThat(p.result().problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("header lacks column(s)", "pInstType", "dTickSize", "lExpiryDate", "dStrikePrice"));
        assertThat(p.set().options()).isEmpty();
    }

    @Test
    void headerOnlyEmptyAndTruncatedFilesAreFileProblems() throws IOException {
        String header = Fixtures.lines(Fixtures.CM_V1_2025_12).get(0);
        assertThat(parse(Segment.NSE_CM, new StringReader(header + "\n"), Fixtures.FIXTURE_DAY)
                        .result()
                        .problem())
                .hasValue("the file has a header but no rows");
        assertThat(parse(Segment.NSE_CM, new StringReader(""), Fixtures.FIXTURE_DAY)
                        .result()
                        .problem())
                .hasValue("the file is empty");

        // cut mid-row, as a dropped connection would
        String content = Files.readString(Fixtures.file(Fixtures.NIFTY_FO));
        String cut = content.substring(0, content.length() / 2);
        Parsed truncated = parse(Segment.NSE_FO, new StringReader(cut), Fixtures.FIXTURE_DAY);
        assertThat(truncated.result().problem())
                .hasValueSatisfying(p -> assertThat(p).contains("truncated"));

        // cut inside a quoted cell of nse_cm-v1
        String cm = Files.readString(Fixtures.file(Fixtures.CM_V1_2025_11));
        int quote = cm.indexOf(",\"") + 5;
        Parsed cutInQuote = parse(Segment.NSE_CM, new StringReader(cm.substring(0, quote)), Fixtures.FIXTURE_DAY);
        assertThat(cutInQuote.result().problem())
                .hasValueSatisfying(p -> assertThat(p).contains("unreadable CSV"));
    }

    // ---------------------------------------------------------------- bad rows: counted, reasons with lines

    @Test
    void unparseableRowsAreRejectedWithTheirLineNumbers() throws IOException {
        List<String> lines = Fixtures.lines(Fixtures.NIFTY_FO);
        int lotColumn = Fixtures.column(Fixtures.NIFTY_FO, "lLotSize");
        int strikeColumn = Fixtures.column(Fixtures.NIFTY_FO, "dStrikePrice;");
        int lotLine = Fixtures.lineOfToken(lines, "58801");
        int strikeLine = Fixtures.lineOfToken(lines, "46175");
        List<String> bad = Fixtures.withCell(lines, lotLine, lotColumn, "sixty-five");
        bad = Fixtures.withCell(bad, strikeLine, strikeColumn, "2.6e+0x");
        bad.set(9, bad.get(9) + ",extra"); // line 10 has one field too many

        Parsed p = parseLines(Segment.NSE_FO, bad, Fixtures.FIXTURE_DAY);

        assertThat(p.result().rejected()).isEqualTo(3);
        assertThat(p.result().firstRejections())
                .extracting(Rejection::toString)
                .containsExactlyInAnyOrder(
                        "nse_fo line " + lotLine + ": lLotSize 'sixty-five' is not a number",
                        "nse_fo line " + strikeLine + ": dStrikePrice '2.6e+0x' is not a number",
                        "nse_fo line 10: has 79 fields, the header has 78");
        assertThat(p.set().options()).hasSize(3897 - 3).doesNotContainKey("NIFTY_2026-01-27_CE_26000");
    }

    @Test
    void aStrikeOrExpiryThatDisagreesWithTheTradingSymbolIsRejected() throws IOException {
        List<String> lines = Fixtures.lines(Fixtures.NIFTY_FO);
        int line = Fixtures.lineOfToken(lines, "58801");
        // strike off by one rupee: the file would otherwise publish NIFTY_2026-01-27_CE_26001 -> 58801
        List<String> wrongStrike =
                Fixtures.withCell(lines, line, Fixtures.column(Fixtures.NIFTY_FO, "dStrikePrice;"), "2600100.0");
        Parsed p = parseLines(Segment.NSE_FO, wrongStrike, Fixtures.FIXTURE_DAY);
        assertThat(p.result().firstRejections())
                .singleElement()
                .asString()
                .contains("line " + line, "NIFTY26JAN26000CE does not match the decoded contract");

        // expiry one day late in both expiry columns (what "Unix + 10 years" would give)
        int expiry = Fixtures.column(Fixtures.NIFTY_FO, "lExpiryDate ");
        int copy = Fixtures.column(Fixtures.NIFTY_FO, "pExpiryDate");
        List<String> wrongDay =
                Fixtures.withCell(Fixtures.withCell(lines, line, expiry, "1454077800"), line, copy, "1454077800");
        Parsed q = parseLines(Segment.NSE_FO, wrongDay, Fixtures.FIXTURE_DAY);
        assertThat(q.result().firstRejections())
                .singleElement()
                .asString()
                .contains("line " + line, "pScripRefKey NIFTY27JAN2626000.00CE does not match");

        // lExpiryDate and pExpiryDate disagree
        Parsed r = parseLines(Segment.NSE_FO, Fixtures.withCell(lines, line, copy, "1454077800"), Fixtures.FIXTURE_DAY);
        assertThat(r.result().firstRejections())
                .singleElement()
                .asString()
                .contains("pExpiryDate 1454077800 differs from lExpiryDate 1453991400");
    }

    @Test
    void rowsOfAnotherSegmentAreSkipped() throws IOException {
        List<String> lines = Fixtures.lines(Fixtures.ONE_ROW_79_COLUMNS);
        List<String> bse =
                Fixtures.withCell(lines, 2, Fixtures.column(Fixtures.ONE_ROW_79_COLUMNS, "pExchSeg"), "bse_fo");
        Parsed p = parseLines(Segment.NSE_FO, bse, Fixtures.FIXTURE_DAY);
        assertThat(p.result().skipped(SkipReason.OTHER_SEGMENT)).isEqualTo(1);
        assertThat(p.set().options()).isEmpty();
    }

    // ---------------------------------------------------------------- duplicates

    @Test
    void anIdenticalRepeatIsKeptOnceAndReported() throws IOException {
        List<String> lines = new ArrayList<>(Fixtures.lines(Fixtures.NIFTY_FO));
        int line = Fixtures.lineOfToken(lines, "58801");
        lines.add(lines.get(line - 1));

        Parsed p = parseLines(Segment.NSE_FO, lines, Fixtures.FIXTURE_DAY);

        assertThat(p.set().options()).hasSize(3897).containsEntry("NIFTY_2026-01-27_CE_26000", "58801");
        assertThat(p.set().duplicateRows()).isEqualTo(1);
        assertThat(p.set().duplicates())
                .singleElement()
                .asString()
                .contains("NIFTY_2026-01-27_CE_26000", "line " + line, "line 3902");
    }

    @Test
    void twoTokensForOneKeyOrOneTokenForTwoContractsLeaveEverythingInvolvedOut() throws IOException {
        // a recycled token: 62042 is a NIFTY option in the Dec-2025 file and BANKNIFTY26JUL62300PE in May 2026
        List<String> lines = new ArrayList<>(Fixtures.lines(Fixtures.NIFTY_FO));
        lines.addAll(Fixtures.bankNiftyRows(true));
        Parsed p = parseLines(Segment.NSE_FO, lines, Fixtures.FIXTURE_DAY);

        assertThat(p.set().conflictRows()).isEqualTo(2);
        assertThat(p.set().conflicts()).singleElement().asString().contains("token nse_fo|62042");
        assertThat(p.set().meta()).doesNotContainKey("nse_fo|62042");
        assertThat(p.set().options()).doesNotContainValue("62042");

        // one key, two different tokens
        List<String> twoTokens = new ArrayList<>(Fixtures.lines(Fixtures.NIFTY_FO));
        int line = Fixtures.lineOfToken(twoTokens, "58801");
        twoTokens.add(twoTokens.get(line - 1).replaceFirst("^58801,", "99999,"));
        Parsed q = parseLines(Segment.NSE_FO, twoTokens, Fixtures.FIXTURE_DAY);
        assertThat(q.set().options())
                .doesNotContainKey("NIFTY_2026-01-27_CE_26000")
                .hasSize(3896);
        assertThat(q.set().conflictRows()).isEqualTo(2);
        assertThat(q.set().conflicts())
                .singleElement()
                .asString()
                .contains("NIFTY_2026-01-27_CE_26000 names different contracts", "58801", "99999");
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> bySymbol(Parsed p) {
        return p.json().values().stream()
                .collect(Collectors.toMap(
                        j -> j.substring(j.indexOf("\"tsym\": \"") + 9, j.indexOf("\", \"seg\"")), j -> j));
    }
}
