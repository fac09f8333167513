package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.contract.InstrumentKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in offline mode ({@code --file}) against a real Redis, on the real fixture rows. */
@Timeout(120)
class OfflineLoadTest {

    private static RedisFixture redis;

    @TempDir
    Path tmp;

    private final Clock fixtureDay = Fixtures.clockAt(Fixtures.FIXTURE_DAY);

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

    private Path fo() {
        return Fixtures.write(tmp, "nse_fo.csv", Fixtures.niftyWithBankNifty());
    }

    private static Path cm() {
        return Fixtures.file(Fixtures.CM_V1_2025_12);
    }

    private RedisFixture.Result load(Path fo, Path cm, String... extra) {
        List<String> args = new ArrayList<>(List.of("--file", "nse_fo=" + fo, "--file", "nse_cm=" + cm));
        args.addAll(List.of(extra));
        return redis.run(fixtureDay, args.toArray(new String[0]));
    }

    @Test
    void loadsEveryHashOfTheContract() {
        RedisFixture.Result result = load(fo(), cm());

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(0);
        var r = redis.redis;
        // options: real NIFTY rows; BANKNIFTY rows derived from the real May-2026 extract (see Fixtures)
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-27_CE_26000"))
                .isEqualTo("58801");
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2025-12-23_CE_22150"))
                .isEqualTo("42233");
        assertThat(r.hget(InstrumentKeys.INSTR_OPT, "BANKNIFTY_2026-07-28_CE_44200"))
                .isEqualTo("61537");
        long bankNifty = Fixtures.bankNiftyRows(false).size();
        assertThat(r.hlen(InstrumentKeys.INSTR_OPT)).isEqualTo(3897 + bankNifty);
        // cash
        assertThat(r.hget(InstrumentKeys.INSTR_EQ, "RELIANCE")).isEqualTo("2885");
        assertThat(r.hlen(InstrumentKeys.INSTR_EQ)).isEqualTo(1088);
        // meta for every loaded contract, exactly as the contract shows it
        assertThat(r.hlen(InstrumentKeys.INSTR_META)).isEqualTo(3897 + bankNifty + 1088);
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_fo|58801"))
                .isEqualTo("{\"tsym\": \"NIFTY26JAN26000CE\", "
                        + "\"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"26000\", "
                        + "\"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        assertThat(r.hget(InstrumentKeys.INSTR_META, "nse_cm|2885"))
                .isEqualTo(
                        "{\"tsym\": \"RELIANCE-EQ\", "
                                + "\"seg\": \"nse_cm\", \"name\": \"RELIANCE\", \"lot\": 1, \"tick\": \"0.10\", \"freeze\": 54129}");
        // expiries
        assertThat(r.hget(InstrumentKeys.INSTR_EXPIRIES, "NIFTY"))
                .startsWith("[\"2025-12-23\", \"2025-12-30\", \"2026-01-06\", ")
                .endsWith(", \"2030-06-25\"]")
                .contains("\"2026-01-27\"");
        assertThat(r.hget(InstrumentKeys.INSTR_EXPIRIES, "BANKNIFTY"))
                .isEqualTo("[\"2026-05-26\", \"2026-06-30\", \"2026-07-28\", \"2026-09-29\"]");
        // info
        Map<String, String> info = r.hgetall(InstrumentKeys.INSTR_INFO);
        assertThat(info)
                .containsEntry("loaded_at", "2025-12-22T09:00:00+05:30")
                .containsEntry("rows_read", Long.toString(3900 + bankNifty + 5000))
                .containsEntry("opt_count", Long.toString(3897 + bankNifty))
                .containsEntry("eq_count", "1088")
                .containsEntry("rejected", "0")
                .containsEntry("underlyings", "[\"BANKNIFTY\", \"NIFTY\"]")
                .containsEntry("forced", "false");
        assertThat(info.get("source")).contains("\"nse_fo\": \"" + fo().toString() + "\"", "nse_cm", cm().toString());
        // no legacy keys unless asked; no temporary keys left; the live keys do not expire
        assertThat(r.exists(InstrumentKeys.LEGACY_XTS_INSTR, InstrumentKeys.LEGACY_XTS_INSTR_EQ))
                .isZero();
        assertThat(r.keys("*:loading:*")).isEmpty();
        for (String key : InstrumentKeys.INSTRUMENT_HASHES) {
            assertThat(r.ttl(key)).as(key).isEqualTo(-1);
        }
        // the report
        assertThat(result.out())
                .contains(
                        "neo-bootstrap: LOADED",
                        "rows read   " + (3900 + bankNifty + 5000),
                        "NEO_INSTR_OPT " + (3897 + bankNifty),
                        "NEO_INSTR_EQ 1088",
                        "rejected    0",
                        "duration");
    }

    @Test
    void legacyOptionWritesXtsKeysWithTheSameFieldsAndTokens() {
        assertThat(load(fo(), cm(), "--legacy-xts-keys").exit()).isEqualTo(0);
        var r = redis.redis;
        assertThat(r.hgetall(InstrumentKeys.LEGACY_XTS_INSTR))
                .hasSize(r.hlen(InstrumentKeys.INSTR_OPT).intValue())
                .isEqualTo(r.hgetall(InstrumentKeys.INSTR_OPT));
        assertThat(r.hgetall(InstrumentKeys.LEGACY_XTS_INSTR_EQ)).isEqualTo(r.hgetall(InstrumentKeys.INSTR_EQ));
        assertThat(r.hget(InstrumentKeys.LEGACY_XTS_INSTR, "NIFTY_2026-01-27_CE_26000"))
                .isEqualTo("58801");
        assertThat(r.ttl(InstrumentKeys.LEGACY_XTS_INSTR)).isEqualTo(-1);
    }

    @Test
    void aHeaderOnlyFileIsRefusedAndLiveKeysStayUntouched() {
        assertThat(load(fo(), cm()).exit()).isEqualTo(0);
        Map<String, Map<String, String>> before = redis.snapshot();

        Path headerOnly = Fixtures.write(
                tmp,
                "nse_cm-v1.csv",
                List.of(Fixtures.lines(Fixtures.CM_V1_2025_12).get(0)));
        RedisFixture.Result refused = load(fo(), headerOnly);

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out())
                .contains("REFUSED", "the file has a header but no rows", "no EQ/BE cash scrips were loaded");
        assertThat(redis.snapshot()).isEqualTo(before);
        assertThat(redis.redis.keys("*:loading:*")).isEmpty();
    }

    @Test
    void emptyAndTruncatedFilesAreRefused() {
        assertThat(load(fo(), cm()).exit()).isEqualTo(0);
        Map<String, Map<String, String>> before = redis.snapshot();

        Path empty = Fixtures.writeRaw(tmp, "empty.csv", "");
        RedisFixture.Result emptyCm = load(fo(), empty);
        assertThat(emptyCm.exit()).isEqualTo(2);
        assertThat(emptyCm.out()).contains("the file is empty");

        String whole = String.join("\n", Fixtures.niftyWithBankNifty()) + "\n";
        Path truncated = Fixtures.writeRaw(tmp, "truncated.csv", whole.substring(0, whole.length() - 40));
        RedisFixture.Result cut = load(truncated, cm());
        assertThat(cut.exit()).isEqualTo(2);
        assertThat(cut.out()).contains("truncated");

        assertThat(redis.snapshot()).isEqualTo(before);
    }

    @Test
    void anUnderlyingWithoutOptionsIsRefusedUnlessForced() {
        // the real NIFTY-only file has no BANKNIFTY rows
        Path niftyOnly = Fixtures.file(Fixtures.NIFTY_FO);
        RedisFixture.Result refused = load(niftyOnly, cm());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).contains("no live index options for BANKNIFTY");
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_OPT)).isZero();

        RedisFixture.Result forced = load(niftyOnly, cm(), "--force");
        assertThat(forced.exit()).isEqualTo(0);
        assertThat(forced.out())
                .contains("LOADED", "checks overridden by --force", "no live index options for BANKNIFTY");
        assertThat(redis.redis.hlen(InstrumentKeys.INSTR_OPT)).isEqualTo(3897);
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, "forced")).isEqualTo("true");
        assertThat(redis.redis.hexists(InstrumentKeys.INSTR_EXPIRIES, "BANKNIFTY"))
                .isFalse();
    }

    @Test
    void extraUnderlyingsAreRequiredToo() {
        RedisFixture.Result result = load(fo(), cm(), "--underlyings", "finnifty");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).contains("no live index options for FINNIFTY");
    }

    @Test
    void aLoadFarSmallerThanThePreviousOneIsRefusedUnlessForced() {
        assertThat(load(fo(), cm()).exit()).isEqualTo(0);
        Map<String, Map<String, String>> before = redis.snapshot();

        // only the first 1000 NIFTY rows plus BANKNIFTY: under 50% of the previous option count
        List<String> small = new ArrayList<>(Fixtures.lines(Fixtures.NIFTY_FO).subList(0, 1001));
        small.addAll(Fixtures.bankNiftyRows(false));
        Path smallFo = Fixtures.write(tmp, "small.csv", small);
        RedisFixture.Result refused = load(smallFo, cm());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out())
                .contains("only " + (1000 + Fixtures.bankNiftyRows(false).size())
                        + " options, less than 50% of the previous load's "
                        + before.get(InstrumentKeys.INSTR_OPT).size());
        assertThat(redis.snapshot()).isEqualTo(before);

        RedisFixture.Result forced = load(smallFo, cm(), "--force");
        assertThat(forced.exit()).isEqualTo(0);
        assertThat(redis.redis.hlen(InstrumentKeys.INSTR_OPT))
                .isLessThan(before.get(InstrumentKeys.INSTR_OPT).size() / 2);
    }

    @Test
    void rejectedRowsAreReportedWithLineNumbersAndCounted() {
        List<String> lines = Fixtures.niftyWithBankNifty();
        int line = Fixtures.lineOfToken(lines, "58801");
        List<String> bad = Fixtures.withCell(lines, line, Fixtures.column(Fixtures.NIFTY_FO, "lLotSize"), "");
        RedisFixture.Result result = load(Fixtures.write(tmp, "bad.csv", bad), cm());

        assertThat(result.exit()).isEqualTo(0); // one bad row does not block the morning load
        assertThat(result.out()).contains("rejected    1", "nse_fo line " + line + ": lLotSize is empty");
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_INFO, "rejected")).isEqualTo("1");
        assertThat(redis.redis.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-27_CE_26000"))
                .isFalse();
    }

    @Test
    void manyRejectionsAreCountedButOnlyTheFirstFewListed() {
        List<String> bad = Fixtures.niftyWithBankNifty();
        int lot = Fixtures.column(Fixtures.NIFTY_FO, "lLotSize");
        for (int line = 2; line <= 16; line++) {
            bad = Fixtures.withCell(bad, line, lot, "0");
        }
        RedisFixture.Result result = load(Fixtures.write(tmp, "bad.csv", bad), cm());

        assertThat(result.out())
                .contains(
                        "rejected    15",
                        "nse_fo line 2: lLotSize must be positive, was 0",
                        "nse_fo line 11: lLotSize",
                        "... (the first 10 reasons of 15 rejected rows)")
                .doesNotContain("nse_fo line 12:");
    }

    @Test
    void expiredContractsAreLeftOutOfEveryHash() {
        RedisFixture.Result result = redis.run(
                Fixtures.clockAt(LocalDate.of(2025, 12, 24)), "--file", "nse_fo=" + fo(), "--file", "nse_cm=" + cm());
        assertThat(result.exit()).isEqualTo(0);
        assertThat(redis.redis.hexists(InstrumentKeys.INSTR_OPT, "NIFTY_2025-12-23_CE_22150"))
                .isFalse();
        assertThat(redis.redis.hexists(InstrumentKeys.INSTR_META, "nse_fo|42233"))
                .isFalse();
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_EXPIRIES, "NIFTY")).startsWith("[\"2025-12-30\", ");
        assertThat(result.out()).contains("expired 440");
    }

    @Test
    void aBseFoFileIsDecodedWithPlainUnixExpiries() {
        // DERIVED row: a real NIFTY row re-labelled as the reported bse_fo fixture SENSEX26JUL85300CE, whose
        // lExpiryDate 1785436199 is plain Unix (2026-07-30 23:59:59 IST, a Thursday); token from the 6-column extract
        List<String> nifty = Fixtures.lines(Fixtures.NIFTY_FO);
        List<String> bse = List.of(nifty.get(0), nifty.get(1));
        String[][] cells = {
            {"pSymbol", "1100470"},
            {"pExchSeg", "bse_fo"},
            {"pInstType", "IO"},
            {"pSymbolName", "SENSEX"},
            {"pTrdSymbol", "SENSEX26JUL85300CE"},
            {"pOptionType", "CE"},
            {"pScripRefKey", "SENSEX26JUL85300CE"},
            {"lLotSize", "20"},
            {"lExpiryDate ", "1785436199"},
            {"pExpiryDate", "1785436199"},
            {"dStrikePrice;", "8.53e+06"}
        };
        for (String[] cell : cells) {
            bse = Fixtures.withCell(bse, 2, Fixtures.column(Fixtures.NIFTY_FO, cell[0]), cell[1]);
        }
        Path bseFo = Fixtures.write(tmp, "bse_fo.csv", bse);

        RedisFixture.Result result = load(fo(), cm(), "--file", "bse_fo=" + bseFo, "--underlyings", "SENSEX");

        assertThat(result.exit()).as(result.out()).isEqualTo(0);
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_OPT, "SENSEX_2026-07-30_CE_85300"))
                .isEqualTo("1100470");
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_META, "bse_fo|1100470"))
                .contains("\"seg\": \"bse_fo\"", "\"expiry\": \"2026-07-30\"", "\"lot\": 20,");
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_EXPIRIES, "SENSEX")).isEqualTo("[\"2026-07-30\"]");
    }

    @Test
    void dryRunParsesAndReportsWithoutTouchingRedis() {
        // an unreachable Redis URL proves the dry run does not even connect
        RedisFixture.Result result = RedisFixture.runWithEnv(
                Map.of("NEO_REDIS_URL", "redis://127.0.0.1:1/0"),
                fixtureDay,
                "--dry-run",
                "--file",
                "nse_fo=" + fo(),
                "--file",
                "nse_cm=" + cm());
        assertThat(result.exit()).as(result.err()).isEqualTo(0);
        assertThat(result.out()).contains("DRY RUN (nothing written), would load", "would load  ", "NEO_INSTR_OPT");

        RedisFixture.Result wouldRefuse = RedisFixture.runWithEnv(
                Map.of("NEO_REDIS_URL", "redis://127.0.0.1:1/0"),
                fixtureDay,
                "--dry-run",
                "--file",
                "nse_fo=" + Fixtures.file(Fixtures.NIFTY_FO),
                "--file",
                "nse_cm=" + cm());
        assertThat(wouldRefuse.exit()).isEqualTo(2);
        assertThat(wouldRefuse.out()).contains("would be refused", "BANKNIFTY");
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_OPT)).isZero();
    }

    @Test
    void configurationAndConnectionErrorsExitWithOne() {
        assertThat(load(fo(), cm(), "--underlyings", "NIFTY_50").exit()).isEqualTo(1);

        RedisFixture.Result onlyFo = redis.run(fixtureDay, "--file", "nse_fo=" + fo());
        assertThat(onlyFo.exit()).isEqualTo(1);
        assertThat(onlyFo.err()).contains("--file needs both nse_fo=PATH and nse_cm=PATH");

        RedisFixture.Result badSegment = redis.run(fixtureDay, "--file", "mcx_fo=" + fo(), "--file", "nse_cm=" + cm());
        assertThat(badSegment.exit()).isEqualTo(1);

        RedisFixture.Result missing =
                redis.run(fixtureDay, "--file", "nse_fo=" + tmp.resolve("nope.csv"), "--file", "nse_cm=" + cm());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");

        RedisFixture.Result noUid = redis.run(fixtureDay);
        assertThat(noUid.exit()).isEqualTo(1);
        assertThat(noUid.err()).contains("nothing to load: run it with --uid UID");

        RedisFixture.Result unknownFlag = redis.run(fixtureDay, "--frobnicate");
        assertThat(unknownFlag.exit()).isEqualTo(1);

        RedisFixture.Result noRedis = RedisFixture.runWithEnv(
                Map.of("NEO_REDIS_URL", "redis://127.0.0.1:1/0"),
                fixtureDay,
                "--file",
                "nse_fo=" + fo(),
                "--file",
                "nse_cm=" + cm());
        assertThat(noRedis.exit()).isEqualTo(1);
        assertThat(noRedis.err()).contains("Redis error", "nothing was changed");
        assertThat(redis.redis.exists(InstrumentKeys.INSTR_OPT)).isZero();
    }

    @Test
    void helpExitsZero() {
        RedisFixture.Result help = redis.run(fixtureDay, "--help");
        assertThat(help.exit()).isEqualTo(0);
        assertThat(help.out()).contains("--legacy-xts-keys", "--dry-run", "--force", "--underlyings", "Exit codes");
    }
}
