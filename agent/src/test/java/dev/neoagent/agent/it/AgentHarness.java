package dev.neoagent.agent.it;

import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.config.Secret;
import dev.neoagent.config.UserConfig;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A real Redis, the fake Kotak server and agents running in-process against both, for integration
 * tests. The agent's clock is pinned to 2026-01-20 so the fake's January and September 2026
 * contracts are live; the broker keeps real time, which the fake's TOTP check needs.
 */
public final class AgentHarness implements AutoCloseable {
    public static final Instant TODAY = Instant.parse("2026-01-20T04:00:00Z"); // 09:30 IST
    public static final String NIFTY_CE = "NIFTY_2026-01-27_CE_26000";

    public final RedisTestServer redisServer;
    public final FakeKotakServer kotak;
    public final Path home;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    public final RedisCommands<String, String> redis;
    private final Map<String, UserConfig> users = new LinkedHashMap<>();
    private final List<AgentRuntime> agents = new ArrayList<>();
    private final OkHttpClient http = KotakNeoAdapter.newHttpClient();
    /** Shared by every agent this harness starts, like one process's registry. */
    public final dev.neoagent.agent.metrics.AgentMetrics metrics = new dev.neoagent.agent.metrics.AgentMetrics();

    private AgentSettings settings = new AgentSettings(
            Duration.ofMillis(250),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            // tests write the spot keys themselves, as another process would
            new SpotSettings(
                    false,
                    Optional.empty(),
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(1),
                    MarketHours.NSE,
                    Duration.ofSeconds(5)));

    public AgentHarness(Path home) {
        this.home = home;
        this.redisServer = RedisTestServer.start();
        this.kotak = FakeKotakServer.start();
        this.client = RedisClient.create(redisServer.url());
        this.connection = client.connect();
        this.redis = connection.sync();
        redis.flushdb();
        TestInstruments.load(redis);
    }

    public AgentSettings settings() {
        return settings;
    }

    public AgentHarness settings(AgentSettings settings) {
        this.settings = settings;
        return this;
    }

    /** A user known to the fake broker, configured for the agent. */
    public FakeUser addUser(String uid) {
        return addUser(uid, RiskLimits.DEFAULT);
    }

    public FakeUser addUser(String uid, RiskLimits risk) {
        FakeUser user = kotak.addUser("U" + uid);
        users.put(uid, userConfig(uid, user, home.resolve(uid).resolve(uid + ".json"), risk));
        try {
            Files.createDirectories(home.resolve(uid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return user;
    }

    /** The agent's configuration of a user the fake broker knows. */
    public static UserConfig userConfig(String uid, FakeUser user, Path file, RiskLimits risk) {
        return new UserConfig(
                uid,
                Secret.of(user.consumerKey()),
                user.mobileNumber(),
                user.ucc(),
                Secret.of(user.mpin()),
                Secret.of(user.totpSecretBase32()),
                Optional.empty(),
                file,
                risk);
    }

    /** Starts one more agent on the same Redis and broker (two agents compete for requests). */
    public AgentRuntime startAgent() {
        return startAgent(broker -> broker);
    }

    /** The same, each user's broker adapter passed through {@code wrap} (a test's delays or failures). */
    public AgentRuntime startAgent(java.util.function.UnaryOperator<dev.neoagent.broker.BrokerAdapter> wrap) {
        KotakSettings kotakSettings = KotakSettings.defaults(URI.create(kotak.loginUrl()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withReadRetry(2, Duration.ofMillis(20));
        AgentRuntime agent = AgentRuntime.start(
                URI.create(redisServer.url()),
                home,
                List.copyOf(users.values()),
                (user, instruments) -> wrap.apply(
                        KotakNeoAdapter.create(KotakCredentials.of(user), kotakSettings, http, Clock.systemUTC())),
                settings,
                metrics,
                Clock.fixed(TODAY, ZoneOffset.UTC));
        agents.add(agent);
        return agent;
    }

    /** One HSET of field/value pairs, as the UI's {@code hset(mapping=...)} does. */
    public void hset(String key, String... fieldsAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            map.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        redis.hset(key, map);
    }

    /**
     * A request as the UI writes it: the previous answer cleared (separate HDELs), then flag, payload and status in
     * one HSET. {@code payloadField} null for a request without a payload.
     */
    public void request(String uid, String flag, String payloadField, String payload, String statusField) {
        redis.hdel(uid, statusField, statusField.replace("STATUS_", "MSG_"));
        if (payloadField == null) {
            hset(uid, flag, "requested", statusField, "PROCESSING");
        } else {
            hset(uid, flag, "requested", payloadField, payload, statusField, "PROCESSING");
        }
    }

    /** Waits (as long as the UI would) for a status other than PROCESSING and returns it. */
    public String awaitAnswer(String uid, String statusField) {
        await().until(() -> {
            String status = redis.hget(uid, statusField);
            return status != null && !status.equals("PROCESSING");
        });
        return redis.hget(uid, statusField);
    }

    public String hget(String key, String field) {
        return redis.hget(key, field);
    }

    /** Waits as long as the existing UI would (10 s for orders). */
    public static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
    }

    public void awaitField(String uid, String field, String value) {
        await().until(() -> value.equals(redis.hget(uid, field)));
    }

    public int placeCalls() {
        return kotak.requestsTo("/quick/order/rule/ms/place").size();
    }

    @Override
    public void close() {
        agents.forEach(AgentRuntime::close);
        connection.close();
        client.shutdown();
        kotak.close();
        redisServer.close();
        http.dispatcher().executorService().shutdown();
    }
}
