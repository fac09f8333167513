package dev.neoagent.app.redis;

import static dev.neoagent.app.redis.AgentOnRedis.UID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.app.AgentProcess;
import dev.neoagent.app.AgentWithoutUsers;
import dev.neoagent.app.cli.Cli;
import dev.neoagent.bootstrap.PaperMaster;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.testing.LogCapture;
import dev.neoagent.testing.RedisProcess;
import dev.neoagent.testing.TestCertificate;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real TLS-only redis-server (no plain port at all: whatever is served went over TLS) with
 * a self-signed certificate: trusted through {@code NEO_REDIS_CA_FILE} by the agent, the operator CLI and the
 * bootstrap; refused in one line, naming the setting, when the certificate is not trusted.
 */
class RedisTlsTest {
    @TempDir
    Path dir;

    private TestCertificate certificate;
    private RedisProcess server;
    private String url;
    private AgentOnRedis agent;
    private RedisClient client;

    @BeforeEach
    void start() {
        certificate = TestCertificate.create(dir, "redis");
        try {
            server = RedisProcess.start(
                    dir,
                    "tls",
                    port -> List.of(
                            "--port",
                            "0",
                            "--tls-port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            dir.toString(),
                            "--tls-cert-file",
                            certificate.certificate().toString(),
                            "--tls-key-file",
                            certificate.privateKey().toString(),
                            "--tls-ca-cert-file",
                            certificate.certificate().toString(),
                            "--tls-auth-clients",
                            "no"));
        } catch (IllegalStateException e) {
            Assumptions.abort("needs the bundled redis-server built with TLS (--tls-port): " + e.getMessage());
        }
        url = "rediss://127.0.0.1:" + server.port() + "/0";
        agent = new AgentOnRedis(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(60)
    void theAgentServesOverTlsTrustingThePrivateCa() throws Exception {
        RedisCommands<String, String> redis = connect(Optional.of(certificate.certificate()));
        AgentOnRedis.loadInstruments(redis);
        agent.start(Map.of(
                "NEO_REDIS_URL",
                url,
                "NEO_REDIS_CA_FILE",
                certificate.certificate().toString(),
                "NEO_SWEEP_MS",
                "60000"));

        AgentOnRedis.requestOrder(redis);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "SUCCESS".equals(redis.hget(UID, "STATUS_SINGLE")));
        assertThat(redis.hget(UID, "MSG_SINGLE")).startsWith("Order Placed: ");
        assertThat(agent.placeCalls()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void theCliAndTheBootstrapTrustTheCaFlag() {
        String ca = certificate.certificate().toString();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int loaded = PaperMaster.load(
                url,
                Clock.systemUTC(),
                new PrintStream(report, true, StandardCharsets.UTF_8),
                new PrintStream(report, true, StandardCharsets.UTF_8),
                "--redis-ca-file",
                ca);
        assertThat(loaded).as(report.toString(StandardCharsets.UTF_8)).isZero();

        Result status = cli(Map.of("NEO_REDIS_CA_FILE", ca), "status", "--redis-url", url);
        assertThat(status.code).as(status.err).isZero();
        assertThat(status.out).contains("instruments  loaded");
    }

    @Test
    @Timeout(60)
    void anUntrustedCertificateIsRefusedInOneLineNamingTheSetting() throws Exception {
        Result noCa = cli(Map.of(), "status", "--redis-url", url);
        assertThat(noCa.code).isEqualTo(1);
        assertThat(noCa.err.lines()).hasSize(1);
        assertThat(noCa.err)
                .startsWith("cannot reach Redis at " + url + ": TLS: the server's certificate is not trusted (")
                .contains("set NEO_REDIS_CA_FILE (--redis-ca-file) to the PEM file of the CA that signed it");

        Path otherCa = TestCertificate.create(dir, "other").certificate();
        Result wrongCa = cli(Map.of("NEO_REDIS_CA_FILE", otherCa.toString()), "status", "--redis-url", url);
        assertThat(wrongCa.code).isEqualTo(1);
        assertThat(wrongCa.err.lines()).hasSize(1);
        assertThat(wrongCa.err).contains("certificate is not trusted", "it was not signed by the CA in " + otherCa);

        ByteArrayOutputStream bootstrapErr = new ByteArrayOutputStream();
        int loaded = PaperMaster.load(
                url,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(bootstrapErr, true, StandardCharsets.UTF_8));
        assertThat(loaded).isEqualTo(1);
        assertThat(bootstrapErr.toString(StandardCharsets.UTF_8))
                .contains("Redis error at " + url + ": TLS: the server's certificate is not trusted");

        // the agent waits Redis out, saying why at each attempt
        AgentConfig config = AgentConfig.from(Map.of("NEO_REDIS_URL", url, "NEO_HOME", dir.toString()));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        try (LogCapture log = new LogCapture(AgentProcess.class)) {
            Thread starting = AgentWithoutUsers.startInBackground(config, ended);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> log.all().stream().anyMatch(line -> line.contains("not reachable")));
            starting.interrupt();
            starting.join(10_000);
            assertThat(log.all())
                    .filteredOn(line -> line.contains("not reachable"))
                    .first()
                    .asString()
                    .contains("Redis at " + url + " not reachable (TLS: the server's certificate is not trusted");
        }
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    private RedisCommands<String, String> connect(Optional<Path> ca) {
        RedisEndpoint endpoint = new RedisEndpoint(URI.create(url), ca);
        client = endpoint.newClient(ClientOptions.create());
        return client.connect(endpoint.uri(Duration.ofSeconds(5))).sync();
    }

    private record Result(int code, String out, String err) {}

    private Result cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("NEO_HOME", dir.toString());
        int code = Cli.run(
                args,
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
