package dev.neoagent.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator-facing failures are one line on stderr saying what to do; --help shows only what a command uses. */
class CliErrorsTest {
    @TempDir
    Path home;

    private record Result(int exit, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(Map.of("NEO_HOME", home.toString()), args);
    }

    @Test
    void testBrokerOnAPaperUserSaysThereIsNothingToTest() throws IOException {
        Files.createDirectories(home.resolve("p1"));
        Files.writeString(home.resolve("p1/p1.json"), "{\"broker\": \"paper\"}");

        Result result = run("test-broker", "--uid", "p1");

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err.strip().lines()).hasSize(1);
        assertThat(result.err)
                .startsWith("p1 is a paper user (\"broker\": \"paper\" in " + home.resolve("p1/p1.json"))
                .contains("there is no Kotak login to test");
    }

    @Test
    void usageErrorsAreOneLineNamingTheCommandAndItsHelp() {
        Result missing = run("order", "--uid", "u", "single", "--index", "NIFTY");
        Result unknown = run("status", "--bogus");
        Result noSuchCommand = run("bogus");

        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.err.strip().lines()).hasSize(1);
        assertThat(missing.err)
                .startsWith("neo-agent order single: Missing required options: '--expiry=YYYY-MM-DD'")
                .endsWith("(see: neo-agent order single --help)\n");
        assertThat(unknown.err)
                .isEqualTo("neo-agent status: Unknown option: '--bogus' (see: neo-agent status --help)\n");
        assertThat(noSuchCommand.err.strip().lines()).hasSize(1);
        // 1 like every other failure: 2 means "the outcome is not known" to a script
        assertThat(noSuchCommand.exit).isEqualTo(1);
        assertThat(run("run", "--bogus").exit).isEqualTo(1);
        assertThat(run("demo", "--bogus").exit).isEqualTo(1);
        assertThat(noSuchCommand.err).startsWith("neo-agent: Unmatched argument at index 0: 'bogus'");
    }

    @Test
    void aMalformedRedisUrlNamesTheFlagOrTheVariableItCameFrom() {
        Result flag = run("status", "--redis-url", "http://localhost:6379");
        Result variable = run(Map.of("NEO_HOME", home.toString(), "NEO_REDIS_URL", "http://localhost:6379"), "status");

        assertThat(flag.exit).isEqualTo(1);
        assertThat(flag.err)
                .isEqualTo("configuration error: --redis-url: \"http://localhost:6379\" is not a redis://, "
                        + "rediss://, redis-sentinel:// or rediss-sentinel:// URL\n");
        assertThat(variable.err)
                .isEqualTo("configuration error: NEO_REDIS_URL: \"http://localhost:6379\" is not a "
                        + "redis://, rediss://, redis-sentinel:// or rediss-sentinel:// URL\n");
    }

    @Test
    void eachCommandsHelpListsOnlyTheSettingsItUses() {
        String order = run("order", "--help").out;
        String single = run("order", "single", "--help").out;
        String status = run("status", "--help").out;
        String testBroker = run("test-broker", "--help").out;
        String runHelp = run("run", "--help").out;

        assertThat(order)
                .contains("--redis-url=URL", "--redis-ca-file=FILE", "--home=DIR", "--uid=UID", "--timeout=DURATION")
                .doesNotContain("--login-url", "--rate-limit-per-sec", "--http-", "--uids");
        assertThat(single).contains("--redis-url=URL", "--home=DIR").doesNotContain("--login-url", "--uids");
        assertThat(status)
                .contains("--redis-url=URL", "--redis-ca-file=FILE", "--home=DIR", "--uids=LIST")
                .doesNotContain("--login-url");
        assertThat(testBroker)
                .contains("--home=DIR", "--login-url=URL", "--http-read-timeout-ms=MS")
                .doesNotContain("--redis-url", "--redis-ca-file", "--rate-limit-per-sec", "--uids");
        assertThat(runHelp)
                .contains(
                        "--redis-url=URL",
                        "--redis-ca-file=FILE",
                        "--home=DIR",
                        "--login-url=URL",
                        "--uids=LIST",
                        "--rate-limit-per-sec=N",
                        "--allow-demo-redis");
        // no default (a URL, a path) is broken across two lines
        assertThat(runHelp)
                .contains(
                        "(env NEO_REDIS_URL, default redis://127.0.0.1:6379/0)",
                        "(env NEO_LOGIN_URL, default https://mis.kotaksecurities.com)",
                        "(env NEO_HOME, default ./neo-home)");
    }

    @Test
    void runTakesEverySettingAsAFlagAndNamesTheFlagOfABadValue() throws IOException {
        Files.createDirectories(home.resolve("p1"));
        Files.writeString(home.resolve("p1/p1.json"), "{\"broker\": \"paper\"}");

        assertThat(run("run", "--help").out)
                .contains(
                        "--spot-interval-ms=MS",
                        "--paper-capital=VALUE",
                        "--sweep-ms=MS",
                        "--http-port=VALUE",
                        "--broker=VALUE",
                        "(env NEO_PAPER_SWING, default 0)");
        Result flag = run("run", "--spot-interval-ms", "abc");
        Result variable = run(Map.of("NEO_HOME", home.toString(), "NEO_PAPER_IV", "0.15"), "run");

        assertThat(flag.exit).isEqualTo(1);
        assertThat(flag.err)
                .isEqualTo("configuration error: --spot-interval-ms: \"abc\" is not a whole number of "
                        + "milliseconds\n");
        assertThat(variable.err).startsWith("configuration error: NEO_PAPER_IV: \"0.15\" must be a percentage");
    }

    @Test
    void anOrderKindTakesTheRedisFlagBeforeOrAfterTheKind() {
        // both spellings reach the same (unreachable) Redis and say so in one line
        String url = "redis://127.0.0.1:1/0";
        Result before = run(
                "order", "--redis-url", url, "--uid", "u", "equity", "--symbol", "X", "--side", "BUY", "--qty", "1");
        Result after = run(
                "order", "--uid", "u", "equity", "--redis-url", url, "--symbol", "X", "--side", "BUY", "--qty", "1");

        assertThat(before.err).startsWith("cannot reach Redis at " + url + ": ");
        assertThat(after.err).startsWith("cannot reach Redis at " + url + ": ");
    }
}
