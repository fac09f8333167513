package dev.neoagent.agent.spot;

import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.config.Secret;
import dev.neoagent.contract.SpotKeys;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real embedded Redis, the fake Kotak server and a real Kotak adapter against it, one set per test. The Redis
 * commands the poller gets are a recording pass-through, so a test can see which commands it sent.
 */
final class SpotHarness implements AutoCloseable {

    /** Suffix of the quotes path (.../neosymbol/&lt;queries&gt;/all) the fake matches faults against. */
    static final String QUOTES = "/all";

    static final String NIFTY = "Nifty 50";
    static final String BANK = "Nifty Bank";

    final RedisTestServer redisServer;
    final FakeKotakServer fake;
    final KotakNeoAdapter broker;
    final RedisClient client;
    final StatefulRedisConnection<String, String> connection;
    /** Direct access, for assertions and set-up. */
    final RedisCommands<String, String> redis;
    /** What the poller gets: records every command name, and every MSET's map. */
    final RedisCommands<String, String> recording;

    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, String>> msets = Collections.synchronizedList(new ArrayList<>());
    /** The thread each command came from. */
    final List<Thread> callers = Collections.synchronizedList(new ArrayList<>());

    SpotHarness() {
        redisServer = RedisTestServer.start();
        fake = FakeKotakServer.start();
        FakeUser user = fake.addUser("AB123");
        broker = KotakNeoAdapter.create(
                new KotakCredentials(
                        "u1",
                        Secret.of(user.consumerKey()),
                        user.mobileNumber(),
                        user.ucc(),
                        Secret.of(user.mpin()),
                        Secret.of(user.totpSecretBase32())),
                KotakSettings.defaults(URI.create(fake.loginUrl())).withReadRetry(1, Duration.ZERO));
        client = RedisClient.create(redisServer.url());
        connection = client.connect();
        redis = connection.sync();
        recording = recordingProxy(redis);
        // Kotak sends four decimals: "25980.3500" and "52000.0000".
        fake.setIndexQuote("nse_cm", NIFTY, new BigDecimal("25980.35"));
        fake.setIndexQuote("nse_cm", BANK, new BigDecimal("52000"));
    }

    @SuppressWarnings("unchecked")
    private RedisCommands<String, String> recordingProxy(RedisCommands<String, String> real) {
        return (RedisCommands<String, String>) Proxy.newProxyInstance(
                RedisCommands.class.getClassLoader(), new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
                    commands.add(method.getName());
                    callers.add(Thread.currentThread());
                    if (method.getName().equals("mset")) {
                        msets.add(new LinkedHashMap<>((Map<String, String>) args[0]));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The quotes calls the fake received. */
    List<RecordedCall> quoteCalls() {
        return fake.requests().stream()
                .filter(c -> c.path().contains("/quotes/neosymbol/"))
                .toList();
    }

    static String decodedPath(RecordedCall call) {
        return URLDecoder.decode(call.path(), StandardCharsets.UTF_8);
    }

    /** The four spot keys as Redis holds them now (null for a missing key). */
    Map<String, String> spotKeys() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : SpotKeys.ALL) {
            out.put(key, redis.get(key));
        }
        return out;
    }

    /** A quotes answer as Kotak would send it (HTTP 200, array), for exact control of every field. */
    static String answer(String niftyLtp, String niftyTime, String bankLtp, String bankTime) {
        return "[" + row(NIFTY, niftyLtp, niftyTime) + ", " + row(BANK, bankLtp, bankTime) + "]";
    }

    private static String row(String name, String ltp, String lstupTime) {
        StringBuilder row = new StringBuilder("{\"exchange_token\": \"" + name + "\", \"display_symbol\": \""
                + name.toUpperCase() + "-IN\", \"exchange\": \"nse_cm\"");
        if (lstupTime != null) {
            row.append(", \"lstup_time\": \"").append(lstupTime).append('"');
        }
        if (ltp != null) {
            row.append(", \"ltp\": \"").append(ltp).append('"');
        }
        return row.append(", \"ohlc\": {\"close\": \"100.0000\"}}").toString();
    }

    @Override
    public void close() {
        try {
            connection.close();
            client.shutdown();
            broker.close();
            fake.close();
        } finally {
            redisServer.close();
        }
    }
}
