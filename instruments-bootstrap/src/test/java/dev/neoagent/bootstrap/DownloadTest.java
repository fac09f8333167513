package dev.neoagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.testing.FakeKotakServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The download path: file list with the consumer key only, files picked by name, streamed from the fake Kotak. */
@Timeout(120)
class DownloadTest {

    private static final String UID = "trader1";

    private static RedisFixture redis;

    @TempDir
    Path home;

    private FakeKotakServer kotak;
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
    void start() throws IOException {
        redis.clear();
        kotak = FakeKotakServer.start();
        FakeKotakServer.FakeUser user = kotak.addUser("AB123");
        Path dir = Files.createDirectories(home.resolve(UID));
        Path file = dir.resolve(UID + ".json");
        Files.writeString(file, """
                {"consumer_key": "%s", "mobile_number": "%s", "ucc": "%s", "mpin": "%s", "totp_secret": "%s"}
                """.formatted(
                        user.consumerKey(), user.mobileNumber(), user.ucc(), user.mpin(), user.totpSecretBase32()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // it holds credentials
    }

    @AfterEach
    void stop() {
        kotak.close();
    }

    private RedisFixture.Result download(String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("NEO_REDIS_URL", redis.server.url());
        env.put("NEO_HOME", home.toString());
        env.put("NEO_LOGIN_URL", kotak.loginUrl());
        String[] args = new String[extra.length + 2];
        args[0] = "--uid";
        args[1] = UID;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return RedisFixture.runWithEnv(env, fixtureDay, args);
    }

    private void serveFixtures() throws IOException {
        kotak.setScripMasterFile(
                "nse_fo.csv",
                (String.join("\n", Fixtures.niftyWithBankNifty()) + "\n").getBytes(StandardCharsets.UTF_8));
        kotak.setScripMasterFile("nse_cm-v1.csv", Files.readAllBytes(Fixtures.file(Fixtures.CM_V1_2025_12)));
    }

    @Test
    void downloadsTheNseFoAndNseCmFilesByNameAndLoadsThem() throws IOException {
        serveFixtures();

        RedisFixture.Result result = download("--legacy-xts-keys");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(0);
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_OPT, "NIFTY_2026-01-27_CE_26000"))
                .isEqualTo("58801");
        assertThat(redis.redis.hget(InstrumentKeys.INSTR_EQ, "RELIANCE")).isEqualTo("2885");
        assertThat(redis.redis.hget(InstrumentKeys.LEGACY_XTS_INSTR_EQ, "RELIANCE"))
                .isEqualTo("2885");
        String source = redis.redis.hget(InstrumentKeys.INSTR_INFO, "source");
        assertThat(source)
                .contains(
                        kotak.loginUrl() + "/wso2-scripmaster/v1/prod/",
                        "/transformed/nse_fo.csv",
                        "/transformed-v1/nse_cm-v1.csv")
                .doesNotContain("nse_com");

        // the file list was asked with the consumer key only; no login, nothing but the list and two files
        var list = kotak.requestsTo("/script-details/1.0/masterscrip/file-paths");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).header("Authorization"))
                .isEqualTo(kotak.user("AB123").consumerKey());
        assertThat(kotak.requests())
                .extracting(FakeKotakServer.RecordedCall::path)
                .allSatisfy(
                        path -> assertThat(path)
                                .matches(
                                        ".*(masterscrip/file-paths|/transformed/nse_fo\\.csv|/transformed-v1/nse_cm-v1\\.csv)"));
        assertThat(kotak.loginCount("AB123")).isZero();
    }

    @Test
    void aMissingFileIsAnErrorAndLeavesTheLiveKeysAlone() throws IOException {
        serveFixtures();
        assertThat(download().exit()).isEqualTo(0);
        Map<String, Map<String, String>> before = redis.snapshot();

        kotak.close();
        kotak = FakeKotakServer.start(); // a fresh fake that serves no files: every download answers 404
        kotak.addUser("AB123");
        RedisFixture.Result result = download();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("broker error", "nothing was changed");
        assertThat(redis.snapshot()).isEqualTo(before);
        assertThat(redis.redis.keys("*:loading:*")).isEmpty();
    }

    @Test
    void aHeaderOnlyDownloadIsRefused() throws IOException {
        serveFixtures();
        assertThat(download().exit()).isEqualTo(0);
        Map<String, Map<String, String>> before = redis.snapshot();

        // Sunday 2026-04-05: Kotak served cm files with only the header (Kotak-neo-api-v2 issue #57)
        String header = Fixtures.lines(Fixtures.CM_V1_2025_12).get(0) + "\n";
        kotak.setScripMasterFile("nse_cm-v1.csv", header.getBytes(StandardCharsets.UTF_8));
        RedisFixture.Result result = download();

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).contains("REFUSED", "nse_cm", "the file has a header but no rows");
        assertThat(redis.snapshot()).isEqualTo(before);
    }

    @Test
    void aBadUserConfigIsAConfigurationError() throws IOException {
        Files.writeString(home.resolve(UID).resolve(UID + ".json"), "{\"consumer_key\": \"x\"}");
        RedisFixture.Result result = download();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("configuration error");
        assertThat(kotak.requests()).isEmpty();
    }
}
