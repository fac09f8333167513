package dev.neoagent.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.app.cli.Cli;
import dev.neoagent.broker.paper.PaperMarket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end: start, a paper order through the CLI, a level firing, status, stop. */
class DemoTest {

    @Test
    @Timeout(120)
    void startOrderLevelStatusStop(@TempDir Path home) throws Exception {
        // the demo's market, with its swing period shortened from 60 s so the printed level fires within seconds
        Map<String, String> env = Map.of(
                "NEO_HOME",
                home.toString(),
                Demo.REDIS_PORT_VARIABLE,
                "0",
                "NEO_HTTP_PORT",
                "0",
                "NEO_PAPER_SWING_PERIOD_S",
                "10");
        ByteArrayOutputStream startOut = new ByteArrayOutputStream();
        Demo demo =
                Demo.start(env, new PrintStream(startOut, true, StandardCharsets.UTF_8), System.err, Clock.systemUTC());
        URI redis = URI.create(demo.redisUrl());
        try {
            demo.printWelcome(new PrintStream(startOut, true, StandardCharsets.UTF_8));
            String welcome = startOut.toString(StandardCharsets.UTF_8);
            assertThat(welcome)
                    .contains("neo-agent demo is running", "order", "redis-cli")
                    .contains(
                            "--uid demo level --side CE --index NIFTY --level 25900 --wait --timeout 2m", "every 10 s");
            assertThat(demo.suggestedLevel()).isEqualByComparingTo(PaperMarket.NIFTY_START);
            assertThat(home.resolve("demo/demo.json")).content().contains("\"broker\": \"paper\"");

            Map<String, String> cliEnv = Map.of("NEO_REDIS_URL", demo.redisUrl(), "NEO_HOME", home.toString());
            RedisClient client = RedisClient.create(demo.redisUrl());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> r = connection.sync();
                String expiries = r.hget("NEO_INSTR_EXPIRIES", "NIFTY");
                String expiry =
                        expiries.substring(expiries.indexOf('"') + 1, expiries.indexOf('"', expiries.indexOf('"') + 1));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> r.get("NF_SPOT") != null);
                BigDecimal spot = demo.market().spot(PaperMarket.NIFTY);
                BigDecimal atm = spot.divide(BigDecimal.valueOf(50), 0, RoundingMode.HALF_UP)
                        .multiply(BigDecimal.valueOf(50));

                // a paper order through the operator CLI, exactly as a UI would write it
                Result order = cli(
                        cliEnv,
                        "order",
                        "--uid",
                        "demo",
                        "single",
                        "--index",
                        "NIFTY",
                        "--expiry",
                        expiry,
                        "--strike",
                        atm.toPlainString(),
                        "--type",
                        "CE",
                        "--side",
                        "BUY",
                        "--lots",
                        "1");
                assertThat(order.exit).as(order.text).isZero();
                assertThat(order.text).contains("SUCCESS", "Order Placed");

                // the suggested breakout level fires by itself, the simulated index swinging through it
                Result fired = cli(
                        cliEnv,
                        "order",
                        "--uid",
                        "demo",
                        "level",
                        "--side",
                        "CE",
                        "--index",
                        "NIFTY",
                        "--level",
                        demo.suggestedLevel().toPlainString(),
                        "--wait",
                        "--timeout",
                        "60s",
                        "--leg",
                        "NIFTY " + expiry + " " + atm.toPlainString() + " CE BUY 1");
                assertThat(fired.exit).as(fired.text).isZero();
                assertThat(r.hget("demo", "STATUS_LEVEL_CE")).isEqualTo("SUCCESS");

                // every user has the re-login and rate-limit series from the start; request outcomes as documented
                String metrics =
                        http("http://127.0.0.1:" + demo.process().healthPort().orElseThrow() + "/metrics");
                assertThat(metrics)
                        .contains(
                                "neo_relogins_total{uid=\"demo\"} 0.0",
                                "neo_rate_limit_waits_total{uid=\"demo\"} 0.0",
                                "neo_requests_total{outcome=\"success\",type=\"PLACE_SINGLE\"} 1.0");

                // the paper market's feed writes the spots; /health says so
                String healthUrl =
                        "http://127.0.0.1:" + demo.process().healthPort().orElseThrow() + "/health";
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(http(healthUrl))
                                .contains("\"spot_source\":\"feed\"", "\"market_feed\":{\"connected\":true}"));
                assertThat(r.get("NEO_SPOT_SOURCE")).isEqualTo("feed");

                Result status = cli(cliEnv, "status", "--uid", "demo");
                assertThat(status.exit).as(status.text).isZero();
                assertThat(status.text).contains("demo", "NIFTY");
            } finally {
                client.shutdown();
            }
        } finally {
            demo.close();
        }
        assertThatThrownBy(() -> new Socket(redis.getHost(), redis.getPort()).close())
                .as("the embedded Redis stops with the demo")
                .isInstanceOf(java.io.IOException.class);
    }

    private record Result(int exit, String text) {}

    private static String http(String url) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(
                            java.net.http.HttpRequest.newBuilder(URI.create(url))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    private static Result cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }
}
