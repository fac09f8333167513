package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.contract.InstrumentKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code neo-bootstrap --paper} against a real Redis: the synthetic master through the real load path. */
@Timeout(120)
class PaperLoadTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** Monday 2026-01-05, 09:00 IST. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

    private static final String PAPER_SOURCE = "{\"nse_fo\": \"synthetic (paper)\", \"nse_cm\": \"synthetic (paper)\"}";

    private static RedisFixture redis;

    @TempDir
    Path tmp;

    private final Clock monday = Fixtures.clockAt(MONDAY);

    @BeforeAll
    static void startRedis() {
        redis = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void clean() {
        redis.clear();
    }

    private static Clock at(LocalDate day, int hour) {
        return Clock.fixed(day.atTime(hour, 0).atZone(IST).toInstant(), IST);
    }

    @Test
    void loadsNiftyAndBankNiftyOptionsAndEquitiesWithoutABroker() {
        // no NEO_HOME, no user file, no login URL reachable: nothing but Redis is touched
        RedisFixture.Result result = redis.run(monday, "--paper");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(0);
        var r = redis.redis;
        // NIFTY weekly (6-Jan), monthly (27-Jan) and BANKNIFTY monthly, at the money
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-06_CE_25900"))
                .isEqualTo("101400");
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-06_PE_25900"))
                .isEqualTo("101401");
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-27_CE_26000"))
                .isEqualTo("104420");
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "BANKNIFTY_2026-01-27_PE_59000"))
                .isEqualTo("204401");
        // the strike range: spot ± range on the step, nothing outside it
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-13_CE_23900"))
                .isTrue();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-13_PE_27900"))
                .isTrue();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-13_CE_23850"))
                .isFalse();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-13_CE_27950"))
                .isFalse();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-13_CE_25925"))
                .isFalse();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "BANKNIFTY_2026-03-31_CE_55000"))
                .isTrue();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "BANKNIFTY_2026-03-31_PE_63000"))
                .isTrue();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "BANKNIFTY_2026-03-31_CE_59050"))
                .isFalse();
        assertThat(r.hexists(InstrumentKeys.INSTR_OPT, "BANKNIFTY_2026-01-13_CE_59000"))
                .isFalse(); // no weeklies
        assertThat(r.hlen(InstrumentKeys.INSTR_OPT)).isEqualTo((6 + 3) * 81 * 2);

        // meta: weekly and monthly symbol formats, lot, tick, freeze
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_fo|101400"))
                .isEqualTo("{\"tsym\": \"NIFTY2610625900CE\", "
                        + "\"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": \"2026-01-06\", \"strike\": \"25900\", "
                        + "\"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_fo|104420"))
                .isEqualTo("{\"tsym\": \"NIFTY26JAN26000CE\", "
                        + "\"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"26000\", "
                        + "\"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_fo|204401"))
                .isEqualTo("{\"tsym\": \"BANKNIFTY26JAN59000PE\", "
                        + "\"seg\": \"nse_fo\", \"name\": \"BANKNIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"59000\", "
                        + "\"opt\": \"PE\", \"lot\": 30, \"tick\": \"0.05\", \"freeze\": 601}");
        Map<String, String> meta = r.hgetall(InstrumentKeys.INSTR_META);
        meta.forEach((field, json) -> {
            if (field.startsWith("nse_fo|")) {
                assertThat(json)
                        .as(field)
                        .contains("\"tick\": \"0.05\"")
                        .containsAnyOf(
                                "\"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}",
                                "\"lot\": 30, \"tick\": \"0.05\", \"freeze\": 601}");
            }
        });

        // expiries: the weekday NSE uses (Tuesday), NIFTY weeklies + monthlies, BANKNIFTY monthlies
        assertThat(r.hget(InstrumentKeys.INSTR_EXPIRIES, "NIFTY"))
                .isEqualTo("[\"2026-01-06\", \"2026-01-13\", "
                        + "\"2026-01-20\", \"2026-01-27\", \"2026-02-24\", \"2026-03-31\"]");
        assertThat(r.hget(InstrumentKeys.INSTR_EXPIRIES, "BANKNIFTY"))
                .isEqualTo("[\"2026-01-27\", \"2026-02-24\", \"2026-03-31\"]");
        for (String list : r.hvals(InstrumentKeys.INSTR_EXPIRIES)) {
            assertThat(Arrays.stream(list.replaceAll("[\\[\\]\" ]", "").split(","))
                            .map(LocalDate::parse))
                    .allMatch(d -> d.getDayOfWeek() == DayOfWeek.TUESDAY);
        }

        // equities: real tokens, lot 1
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "RELIANCE")).isEqualTo("2885");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "HDFCBANK")).isEqualTo("1333");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "ICICIBANK")).isEqualTo("4963");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "INFY")).isEqualTo("1594");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "TCS")).isEqualTo("11536");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "SBIN")).isEqualTo("3045");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "ITC")).isEqualTo("1660");
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "IDEA")).isEqualTo("14366");
        assertThat(r.hlen(InstrumentKeys.INSTR_EQ)).isEqualTo(PaperMaster.STOCKS);
        assertThat(r.hexists(InstrumentKeys.INSTR_EQ, "NIFTY")).isFalse(); // index rows are not scrips
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_cm|2885"))
                .isEqualTo(
                        "{\"tsym\": \"RELIANCE-EQ\", "
                                + "\"seg\": \"nse_cm\", \"name\": \"RELIANCE\", \"lot\": 1, \"tick\": \"0.10\", \"freeze\": 54129}");
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_cm|14366"))
                .contains("\"tsym\": \"IDEA-EQ\"", "\"lot\": 1", "\"tick\": \"0.01\"");
        assertThat(r.hlen(InstrumentKeys.INSTR_META)).isEqualTo((6 + 3) * 81 * 2 + PaperMaster.STOCKS);

        // info: unmistakably synthetic
        Map<String, String> info = r.hgetall(InstrumentKeys.INSTR_INFO);
        assertThat(info)
                .containsEntry("source", PAPER_SOURCE)
                .containsEntry("loaded_at", "2026-01-05T09:00:00+05:30")
                .containsEntry("rows_read", Integer.toString((6 + 3) * 81 * 2 + 6 + 4 + PaperMaster.STOCKS))
                .containsEntry("opt_count", Integer.toString((6 + 3) * 81 * 2))
                .containsEntry("eq_count", Integer.toString(PaperMaster.STOCKS))
                .containsEntry("rejected", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("forced", "false");
        assertThat(r.exists(InstrumentKeys.LEGACY_XTS_INSTR, InstrumentKeys.LEGACY_XTS_INSTR_EQ))
                .isZero();
        assertThat(r.keys("*:loading:*")).isEmpty();

        assertThat(result.out())
                .contains(
                        "neo-bootstrap: LOADED",
                        "nse_fo  synthetic (paper): 1464 rows read, " + "1458 accepted, 6 skipped, 0 rejected",
                        "nse_cm  synthetic (paper): 48 rows read, 44 accepted",
                        "rejected    0");
    }

    @Test
    void theSameDayLoadsTheSameHashesAtAnyTime() {
        assertThat(redis.run(at(MONDAY, 8), "--paper").exit()).isEqualTo(0);
        Map<String, Map<String, String>> morning = withoutLoadedAt(redis.snapshot());
        assertThat(redis.run(at(MONDAY, 15), "--paper").exit()).isEqualTo(0);
        Map<String, Map<String, String>> afternoon = withoutLoadedAt(redis.snapshot());

        assertThat(afternoon).isEqualTo(morning);
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, "loaded_at")).isEqualTo("2026-01-05T15:00:00+05:30");
    }

    @Test
    void aContractKeepsItsTokenTheNextDayAndExpiredOnesGo() {
        assertThat(redis.run(monday, "--paper").exit()).isEqualTo(0);
        Map<String, String> mondayOptions = redis.redis.hgetall(InstrumentKeys.INSTR_OPT);
        LocalDate wednesday = MONDAY.plusDays(2);
        assertThat(redis.run(Fixtures.clockAt(wednesday), "--paper").exit()).isEqualTo(0);
        Map<String, String> wednesdayOptions = redis.redis.hgetall(InstrumentKeys.INSTR_OPT);

        // 6-Jan expired; a new weekly (3-Feb) came in; everything else is unchanged, tokens included
        assertThat(wednesdayOptions)
                .doesNotContainKey("NIFTY_2026-01-06_CE_25900")
                .containsKey("NIFTY_2026-02-03_CE_25900");
        mondayOptions.forEach((key, token) -> {
            if (!key.contains("2026-01-06")) {
                assertThat(wednesdayOptions).containsEntry(key, token);
            }
        });
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_EXPIRIES, "NIFTY"))
                .startsWith("[\"2026-01-13\", ")
                .contains("\"2026-02-03\"");
    }

    @Test
    void theGeneratedFilesLoadedWithFileGiveTheSameHashesOnlyTheSourceDiffers() {
        PaperMaster.Written files = PaperMaster.write(tmp, MONDAY);
        assertThat(redis.run(monday, "--file", "nse_fo=" + files.nseFo(), "--file", "nse_cm=" + files.nseCm())
                        .exit())
                .isEqualTo(0);
        Map<String, Map<String, String>> fromFiles = redis.snapshot();
        assertThat(redis.run(monday, "--paper").exit()).isEqualTo(0);
        Map<String, Map<String, String>> paper = redis.snapshot();

        assertThat(paper.get(InstrumentKeys.INSTR_INFO).get("source")).isEqualTo(PAPER_SOURCE);
        assertThat(fromFiles.get(InstrumentKeys.INSTR_INFO).get("source"))
                .contains(files.nseFo().toString());
        fromFiles.get(InstrumentKeys.INSTR_INFO).remove("source");
        paper.get(InstrumentKeys.INSTR_INFO).remove("source");
        assertThat(paper).isEqualTo(fromFiles);
    }

    @Test
    void dryRunWritesNothingAndNeedsNoRedis() {
        Map<String, String> env = new HashMap<>();
        env.put("NEO_REDIS_URL", "redis://127.0.0.1:1/0"); // nothing listens there
        RedisFixture.Result result = RedisFixture.runWithEnv(env, monday, "--paper", "--dry-run");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(0);
        assertThat(result.out())
                .contains(
                        "DRY RUN (nothing written)",
                        "synthetic (paper)",
                        "NEO_INSTR_OPT " + (6 + 3) * 81 * 2,
                        "NEO_INSTR_EQ " + PaperMaster.STOCKS);
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_OPT, InstrumentKeys.INSTR_INFO))
                .isZero();
    }

    @Test
    void legacyXtsKeysWorkWithPaper() {
        assertThat(redis.run(monday, "--paper", "--legacy-xts-keys").exit()).isEqualTo(0);
        assertThat(redis.redis.hgetall(InstrumentKeys.LEGACY_XTS_INSTR))
                .isEqualTo(redis.redis.hgetall(InstrumentKeys.INSTR_OPT))
                .containsEntry("NIFTY_2026-01-06_CE_25900", "101400");
        assertThat(redis.redis.hgetall(InstrumentKeys.LEGACY_XTS_INSTR_EQ))
                .containsEntry("RELIANCE", "2885")
                .hasSize(PaperMaster.STOCKS);
    }

    @Test
    void aPaperMasterDoesNotSilentlyReplaceARealOneButForceDoes() {
        Path fo = Fixtures.write(tmp, "nse_fo.csv", Fixtures.niftyWithBankNifty());
        Clock fixtureDay = Fixtures.clockAt(Fixtures.FIXTURE_DAY);
        assertThat(redis.run(
                                fixtureDay,
                                "--file",
                                "nse_fo=" + fo,
                                "--file",
                                "nse_cm=" + Fixtures.file(Fixtures.CM_V1_2025_12))
                        .exit())
                .isEqualTo(0);
        Map<String, Map<String, String>> real = redis.snapshot();

        // far fewer options and scrips than the real load: the size check refuses, as for any suspicious file
        RedisFixture.Result refused = redis.run(fixtureDay, "--paper");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).contains("REFUSED", "less than 50% of the previous load's");
        assertThat(redis.snapshot()).isEqualTo(real);

        RedisFixture.Result forced = redis.run(fixtureDay, "--paper", "--force");
        assertThat(forced.exit()).as(forced.out() + forced.err()).isEqualTo(0);
        assertThat(redis.redis.hgetall(InstrumentKeys.INSTR_INFO))
                .containsEntry("source", PAPER_SOURCE)
                .containsEntry("forced", "true");
        assertThat(redis.redis.hlen(InstrumentKeys.INSTR_OPT)).isEqualTo((6 + 3) * 81 * 2);
    }

    @Test
    void aPaperUserHasNoKotakAccountToDownloadWithAndIsToldAboutPaper() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve("p1"));
        Files.writeString(home.resolve("p1/p1.json"), "{\"broker\": \"paper\"}");

        RedisFixture.Result result = RedisFixture.runWithEnv(
                Map.of("NEO_REDIS_URL", redis.server.url(), "NEO_HOME", home.toString()), monday, "--uid", "p1");

        assertThat(result.exit()).isEqualTo(BootstrapMain.ERROR);
        assertThat(result.err())
                .contains(
                        "neo-bootstrap: configuration error: p1 is a paper user (\"broker\": \"paper\")",
                        "load the synthetic paper master with --paper instead")
                .doesNotContain("Exception");
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_OPT, InstrumentKeys.INSTR_INFO))
                .isZero();
    }

    @Test
    void usageErrorsAreOneLineListingTheWaysToRunIt() {
        RedisFixture.Result unknown = redis.run(monday, "--bogus");
        RedisFixture.Result nothing = redis.run(monday);

        assertThat(unknown.exit()).isEqualTo(BootstrapMain.ERROR);
        assertThat(unknown.err()).isEqualTo("neo-bootstrap: Unknown option: '--bogus' (" + BootstrapMain.USAGE + ")\n");
        assertThat(BootstrapMain.USAGE).contains("--uid UID", "--file nse_fo=PATH --file nse_cm=PATH", "--paper");
        assertThat(nothing.exit()).isEqualTo(BootstrapMain.ERROR);
        assertThat(nothing.err()).contains("configuration error: nothing to load: " + BootstrapMain.USAGE);
    }

    @Test
    void paperWithFileUidOrUnderlyingsIsAUsageError() {
        Path fo = Fixtures.write(tmp, "nse_fo.csv", List.of("x"));
        Path cm = Fixtures.write(tmp, "nse_cm.csv", List.of("x"));
        RedisFixture.Result withFile = redis.run(monday, "--paper", "--file", "nse_fo=" + fo, "--file", "nse_cm=" + cm);
        RedisFixture.Result withUid = redis.run(monday, "--paper", "--uid", "AB123");
        RedisFixture.Result withUnderlyings = redis.run(monday, "--paper", "--underlyings", "FINNIFTY");

        assertThat(withFile.exit()).isEqualTo(BootstrapMain.ERROR);
        assertThat(withFile.err())
                .contains(
                        "--paper generates its own files; it cannot be combined with --file",
                        "--paper (the synthetic paper master)");
        assertThat(withFile.err().strip().lines()).as("one line, no usage page").hasSize(1);
        assertThat(withUid.exit()).isEqualTo(BootstrapMain.ERROR);
        assertThat(withUid.err())
                .contains("--paper calls no broker and needs no user; it cannot be combined with" + " --uid");
        assertThat(withUnderlyings.exit()).isEqualTo(BootstrapMain.ERROR);
        assertThat(withUnderlyings.err()).contains("--paper generates NIFTY and BANKNIFTY options only");
        assertThat(withFile.out() + withUid.out() + withUnderlyings.out()).doesNotContain("LOADED");
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_OPT, InstrumentKeys.INSTR_INFO))
                .isZero();
    }

    @Test
    void otherModulesLoadItWithThePublicEntryPoint() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PaperMaster.load(
                redis.server.url(),
                monday,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "--legacy-xts-keys");

        assertThat(exit).as(out + " " + err).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("neo-bootstrap: LOADED");
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, "source")).isEqualTo(PAPER_SOURCE);
        assertThat(redis.redis.exists(InstrumentKeys.LEGACY_XTS_INSTR)).isEqualTo(1);

        // and the public run(...) with --paper, as the README documents (system clock: today's paper master)
        redis.clear();
        int viaRun = BootstrapMain.run(
                new String[] {"--paper", "--redis-url", redis.server.url()},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(viaRun).isEqualTo(0);
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, "source")).isEqualTo(PAPER_SOURCE);
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_EQ, "RELIANCE")).isEqualTo("2885");
    }

    private static Map<String, Map<String, String>> withoutLoadedAt(Map<String, Map<String, String>> snapshot) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        snapshot.forEach((key, hash) -> copy.put(key, new TreeMap<>(hash)));
        copy.get(InstrumentKeys.INSTR_INFO).remove("loaded_at");
        return copy;
    }
}
