package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code neo-agent.jar test-broker}, run as an operator would, against the fake Kotak
 * server on a local port; the user's MPIN comes from the environment through {@code ${NAME}}.
 */
class PackagedTestBrokerIT {

    @Test
    @Timeout(60)
    void packagedJarLogsInAndPrintsTheSummary(@TempDir Path home) throws Exception {
        try (FakeKotakServer server = FakeKotakServer.start()) {
            FakeUser user = server.addUser("JAR1");
            Path dir = Files.createDirectories(home.resolve("trader1"));
            Files.writeString(dir.resolve("trader1.json"), """
                    {"consumer_key": "%s", "mobile_number": "%s", "ucc": "%s",
                     "mpin": "${TRADER1_MPIN}", "totp_secret": "%s"}
                    """.formatted(
                            user.consumerKey(), user.mobileNumber(), user.ucc(), user.totpSecretBase32()));

            ProcessBuilder builder = new ProcessBuilder(
                            javaBinary(),
                            "-jar",
                            System.getProperty("neo.agent.jar"),
                            "test-broker",
                            "--uid",
                            "trader1")
                    .redirectErrorStream(true);
            builder.environment().put("NEO_HOME", home.toString());
            builder.environment().put("NEO_LOGIN_URL", server.loginUrl());
            builder.environment().put("TRADER1_MPIN", user.mpin());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("NIFTY 50    25980.35", "broker OK");
            for (String secret : List.of(user.consumerKey(), user.mpin(), user.totpSecretBase32())) {
                assertThat(output).doesNotContain(secret);
            }
        }
    }

    private static String javaBinary() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
