package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neo-agent test-broker} against the fake Kotak server on a local port. */
class TestBrokerCommandTest {
    @TempDir
    Path home;

    private FakeKotakServer server;
    private FakeUser user;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        server = FakeKotakServer.start();
        user = server.addUser("AB123");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void writeConfig(String uid, String mpin, String totpSecret) throws IOException {
        Path dir = Files.createDirectories(home.resolve(uid));
        Files.writeString(dir.resolve(uid + ".json"), """
                {
                    "consumer_key": "%s",
                    "mobile_number": "%s",
                    "ucc": "%s",
                    "mpin": "%s",
                    "totp_secret": "%s"
                }
                """.formatted(
                        user.consumerKey(), user.mobileNumber(), user.ucc(), mpin, totpSecret));
    }

    private int run(Map<String, String> env, String... args) {
        return Cli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("NEO_HOME", home.toString());
        env.put("NEO_LOGIN_URL", server.loginUrl());
        return env;
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void assertNoSecretPrinted() {
        for (String secret : List.of(user.consumerKey(), user.mpin(), user.totpSecretBase32())) {
            assertThat(output()).doesNotContain(secret);
        }
    }

    @Test
    void printsLimitsAndSpotAndExitsZero() throws IOException {
        writeConfig("u1", user.mpin(), user.totpSecretBase32());

        int exit = run(env(), "test-broker", "--uid", "u1");

        assertThat(exit).as(output()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("login       OK", "limits      available 1000000", "NIFTY 50    25980.35", "broker OK");
        assertThat(server.loginCount("AB123")).isEqualTo(1);
        assertNoSecretPrinted();
    }

    @Test
    void flagsOverrideTheEnvironment() throws IOException {
        writeConfig("u1", user.mpin(), user.totpSecretBase32());
        Map<String, String> env = Map.of("NEO_HOME", "/nonexistent", "NEO_LOGIN_URL", "http://127.0.0.1:1");

        int exit = run(env, "test-broker", "--uid", "u1", "--home", home.toString(), "--login-url", server.loginUrl());

        assertThat(exit).as(output()).isZero();
    }

    @Test
    void wrongMpinFailsAtTheMpinStep() throws IOException {
        String wrong = user.mpin().equals("000000") ? "111111" : "000000";
        writeConfig("u1", wrong, user.totpSecretBase32());

        int exit = run(env(), "test-broker", "--uid", "u1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("FAILED at login", "MPIN validation refused", "Invalid MPIN");
        assertThat(output()).doesNotContain(wrong);
        assertNoSecretPrinted();
    }

    @Test
    void wrongTotpSecretFailsAtTheTotpStep() throws IOException {
        writeConfig("u1", user.mpin(), "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

        int exit = run(env(), "test-broker", "--uid", "u1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOTP login refused", "totp_secret");
        assertThat(output()).doesNotContain("JBSWY3DPEHPK3PXP");
    }

    @Test
    void unreachableBrokerIsReportedAsANetworkFailure() throws IOException {
        writeConfig("u1", user.mpin(), user.totpSecretBase32());
        Map<String, String> env = env();
        env.put("NEO_LOGIN_URL", "http://127.0.0.1:" + closedPort());

        int exit = run(env, "test-broker", "--uid", "u1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at login", "network or broker unavailable");
        assertNoSecretPrinted();
    }

    @Test
    void missingUserFolderNamesThePath() {
        int exit = run(env(), "test-broker", "--uid", "nobody");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at configuration", "nobody");
    }

    @Test
    void malformedTotpSecretIsAConfigurationErrorNamingTheField() throws IOException {
        writeConfig("u1", user.mpin(), "not-base32!!");

        int exit = run(env(), "test-broker", "--uid", "u1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at configuration", "totp_secret");
        assertThat(output()).doesNotContain("not-base32!!");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
