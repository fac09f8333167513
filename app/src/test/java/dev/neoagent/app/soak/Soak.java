package dev.neoagent.app.soak;

import dev.neoagent.app.soak.AgentJvm.Sample;
import dev.neoagent.contract.AgentKeys;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Runs one soak: Redis, the fake Kotak server, agent processes, the traders and the faults; gathers what the report
 * needs. Agent "a" runs from start to end and is the one measured (heap, threads); agent "b" is killed with kill -9
 * and restarted; agent "c" joins now and then and leaves with a graceful stop. Redis is restarted (all data lost) a
 * few times while no trader is in the middle of writing.
 */
final class Soak {
    /** The agents' read timeout towards the broker: the long delays go beyond it. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private final SoakSettings settings;
    private final PrintStream out;
    private final Path home;
    private final Path logs;
    private final SoakMarket market = new SoakMarket();
    private final List<String> uids = new ArrayList<>();
    private final Map<String, String> uccs = new LinkedHashMap<>();
    private final ReentrantReadWriteLock redisGate = new ReentrantReadWriteLock();
    private final AtomicInteger redisGeneration = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AuditTrail audit = new AuditTrail();
    private final SoakResult result = new SoakResult();

    private RedisTestServer redisServer;
    private FakeKotakServer kotak;
    private RedisCommands<String, String> redis;
    private Map<String, String> agentEnv;
    private AgentJvm steady;
    private volatile AgentJvm victim;
    private volatile AgentJvm visitor;
    private volatile Exception chaosFailure;

    Soak(SoakSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.home = settings.workDir().resolve("home");
        this.logs = settings.workDir().resolve("logs");
    }

    SoakResult run() throws Exception {
        Instant started = Instant.now();
        prepareDirectories();
        Random seeds = new Random(settings.seed());
        redisServer = RedisTestServer.start();
        kotak = FakeKotakServer.start();
        RedisClient client = RedisClient.create();
        try {
            if (!redisServer.isEmbedded()) {
                throw new IllegalStateException("the soak restarts Redis: unset " + RedisTestServer.ENV_URL);
            }
            market.register(kotak);
            addUsers();
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            RedisURI uri = RedisURI.create(redisServer.url());
            uri.setTimeout(Duration.ofSeconds(5));
            StatefulRedisConnection<String, String> connection = client.connect(uri);
            redis = connection.sync();
            market.loadMaster(redis);
            agentEnv = Map.of(
                    "NEO_REDIS_URL", redisServer.url(),
                    "NEO_HOME", home.toString(),
                    "NEO_LOGIN_URL", kotak.loginUrl(),
                    "NEO_AGENT_LEASE_MS", "3000",
                    "NEO_HTTP_READ_TIMEOUT_MS", Long.toString(READ_TIMEOUT.toMillis()),
                    "NEO_SHUTDOWN_GRACE_MS", "15000");
            steady = AgentJvm.start("agent-a", logs, agentEnv, freePort());
            victim = AgentJvm.start("agent-b", logs, agentEnv, null);
            result.agents.add(steady);
            result.agents.add(victim);
            log(
                    "agents a (pid %d, measured) and b (pid %d, killed and restarted) serve %d users",
                    steady.pid(), victim.pid(), uids.size());

            Trader.Shared shared = new Trader.Shared(redis, redisGate, redisGeneration, done, settings);
            List<Trader> traders = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < uids.size(); i++) {
                int budget = settings.requests() / uids.size() + (i < settings.requests() % uids.size() ? 1 : 0);
                Trader trader = new Trader(uids.get(i), budget, new Random(seeds.nextLong()), market, shared);
                traders.add(trader);
            }
            BrokerFaults brokerFaults =
                    new BrokerFaults(kotak, new Random(seeds.nextLong()), settings.brokerFaultMean(), READ_TIMEOUT);
            Random chaos = new Random(seeds.nextLong());
            for (Trader trader : traders) {
                threads.add(Thread.ofPlatform()
                        .name("trader-" + uids.get(threads.size()))
                        .start(trader));
            }
            Thread faults = Thread.ofPlatform().name("broker-faults").start(brokerFaults);

            monitor(threads, chaos);

            brokerFaults.stop();
            faults.interrupt();
            faults.join();
            settleDown();
            result.end = steady.sample(done.get());
            result.endHistogram = steady.classHistogram();
            Files.writeString(settings.workDir().resolve("heap-end.txt"), result.endHistogram);
            log("end sample of agent a: %s", describe(result.end));
            traders.forEach(Trader::checkLastAnswers);
            audit.drain(redis, uids);
            result.exitCodes.put("agent-b", victim.stop(Duration.ofSeconds(60)));
            result.exitCodes.put("agent-a", steady.stop(Duration.ofSeconds(60)));

            traders.forEach(trader -> result.records.addAll(trader.records));
            result.records.sort(Comparator.comparing((RequestRecord r) -> r.uid).thenComparingInt(r -> r.seq));
            for (String uid : uids) {
                List<FakeOrder> orders = kotak.orders(uccs.get(uid));
                result.orders.put(uid, orders);
            }
            result.placeCalls = kotak.requestsTo(BrokerFaults.PLACE);
            result.faults = brokerFaults.applied();
            result.faultsSkipped = brokerFaults.skipped;
            int logins = 0;
            for (String ucc : uccs.values()) {
                logins += kotak.loginCount(ucc);
            }
            result.logins = logins;
            result.audit = audit;
            audit.write(settings.workDir().resolve("audit.txt"));
            List<String> lines = new ArrayList<>();
            for (RequestRecord record : result.records) {
                lines.add(String.join(
                        "\t",
                        record.uid,
                        Integer.toString(record.seq),
                        record.request.kind().name(),
                        Instant.ofEpochMilli(record.writtenAt).toString(),
                        Instant.ofEpochMilli(record.endedAt).toString(),
                        String.valueOf(record.end),
                        String.valueOf(record.status),
                        String.valueOf(record.message),
                        String.valueOf(record.result),
                        "gen " + record.generation,
                        record.request.payload()));
            }
            Files.write(settings.workDir().resolve("requests.txt"), lines);
            result.wall = Duration.between(started, Instant.now());
            result.settings = settings;
            return result;
        } finally {
            for (AgentJvm agent : new AgentJvm[] {visitor, victim, steady}) {
                if (agent != null && agent.isAlive()) {
                    agent.kill();
                }
            }
            client.shutdown();
            kotak.close();
            redisServer.close();
        }
    }

    private void prepareDirectories() throws IOException {
        if (Files.exists(settings.workDir())) {
            try (Stream<Path> files = Files.walk(settings.workDir())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(home);
        Files.createDirectories(logs);
    }

    /** Users T001... at the broker (UCC SKT001...) and in the agents' home, as an operator sets them up. */
    private void addUsers() throws IOException {
        for (int i = 1; i <= settings.users(); i++) {
            String uid = String.format("T%03d", i);
            String ucc = "SK" + uid;
            FakeUser user = kotak.addUser(ucc);
            Path dir = Files.createDirectories(home.resolve(uid));
            Path file = dir.resolve(uid + ".json");
            Files.writeString(file, """
                    {"consumer_key": "%s", "mobile_number": "%s", "ucc": "%s", "mpin": "%s", "totp_secret": "%s",
                     "max_orders_per_minute": 600}
                    """.formatted(
                            user.consumerKey(), user.mobileNumber(), user.ucc(), user.mpin(), user.totpSecretBase32()));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            uids.add(uid);
            uccs.put(uid, ucc);
        }
    }

    /**
     * The points (requests done) of the kills, visits and Redis restarts: random, between 5 % and 95 % of the
     * requests (Redis between 10 % and 90 %), sorted.
     */
    private static List<Integer> points(Random chaos, int count, int from, int span) {
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(from + chaos.nextInt(Math.max(1, span)));
        }
        points.sort(Comparator.naturalOrder());
        return points;
    }

    /**
     * Until every trader has finished: three chaos threads (agent b's kills and restarts, agent c's visits, Redis
     * restarts) each work through their own points, blocking as long as their step takes; this thread takes the
     * measured agent's samples and prints progress.
     */
    private void monitor(List<Thread> threads, Random chaos) throws Exception {
        int total = settings.requests();
        List<Integer> kills = points(chaos, settings.kills(), total / 20, total * 9 / 10);
        List<Integer> visits = points(chaos, settings.visits(), total / 20, total * 9 / 10);
        List<Integer> restarts = points(chaos, settings.redisRestarts(), total / 10, total * 4 / 5);
        Random victimRandom = new Random(chaos.nextLong());
        Random visitorRandom = new Random(chaos.nextLong());
        List<Thread> chaosThreads = List.of(
                chaosThread("chaos-kill", kills, threads, () -> {
                    victim.kill();
                    result.kills++;
                    log("kill -9 agent b (pid %d) at %d requests done", victim.pid(), done.get());
                    Thread.sleep(500 + victimRandom.nextInt(3500));
                    victim = startAgent("agent-b");
                    result.victimRestarts++;
                    log("agent b restarted (pid %d)", victim.pid());
                }),
                chaosThread("chaos-visit", visits, threads, () -> {
                    visitor = startAgent("agent-c");
                    result.visitorJoins++;
                    log("agent c joined (pid %d) at %d requests done", visitor.pid(), done.get());
                    Thread.sleep(5_000 + visitorRandom.nextInt(25_000));
                    int code = visitor.stop(Duration.ofSeconds(60));
                    result.visitorLeaves++;
                    result.exitCodes.merge("agent-c", code, (a, b) -> a == 0 || a == 143 ? b : a);
                    log("agent c left (graceful stop, exit code %d) at %d requests done", code, done.get());
                    visitor = null;
                }),
                chaosThread("chaos-redis", restarts, threads, () -> restartRedis(done.get())));

        // warm: every user served a few times by each agent (sessions, order feeds, pools, JIT)
        int warmUp = Math.min(total / 2, Math.max(10 * settings.users(), total / 10));
        int nextSample = warmUp;
        Instant nextProgress = Instant.now().plusSeconds(10);
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(100);
            int now = done.get();
            if (now >= nextSample) {
                Sample sample = steady.sample(now);
                result.samples.add(sample);
                if (result.start == null) {
                    result.start = sample;
                    result.startHistogram = steady.classHistogram();
                    Files.writeString(settings.workDir().resolve("heap-start.txt"), result.startHistogram);
                    log("start sample of agent a after %d requests (warm-up): %s", now, describe(sample));
                }
                nextSample = now + Math.max(1, total / 10);
            }
            if (Instant.now().isAfter(nextProgress)) {
                log("%d / %d requests done", now, total);
                nextProgress = Instant.now().plusSeconds(10);
            }
        }
        for (Thread thread : chaosThreads) {
            thread.join(); // a step under way finishes (agent b back up, agent c gone)
        }
        if (result.start == null) {
            result.start = steady.sample(done.get());
            result.startHistogram = steady.classHistogram();
        }
        if (chaosFailure != null) {
            throw new IllegalStateException("a fault could not be injected", chaosFailure);
        }
    }

    /**
     * Starts agent b or c; a start that fails (the process exits, e.g. when Redis is being restarted just then) is
     * counted with the reason the agent printed, and tried again.
     */
    private AgentJvm startAgent(String name) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                AgentJvm agent = AgentJvm.start(name, logs, agentEnv, null);
                result.agents.add(agent);
                return agent;
            } catch (AgentJvm.StartFailed e) {
                synchronized (result) {
                    result.startFailures.add(name + ": " + e.getMessage());
                }
                log("%s did not start: %s", name, e.getMessage());
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** What a chaos thread does at each of its points. */
    private interface Step {
        void run() throws Exception;
    }

    /** A thread that runs {@code step} at each point, in turn, while any trader is still at work. */
    private Thread chaosThread(String name, List<Integer> points, List<Thread> traders, Step step) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                for (int point : points) {
                    while (done.get() < point) {
                        if (traders.stream().noneMatch(Thread::isAlive)) {
                            return;
                        }
                        Thread.sleep(50);
                    }
                    if (traders.stream().noneMatch(Thread::isAlive)) {
                        return;
                    }
                    step.run();
                }
            } catch (Exception e) {
                log("%s failed: %s", name, e);
                chaosFailure = e;
            }
        });
    }

    /**
     * Restarts Redis while no trader is between its HDELs and HSET. What the agents audited so far is read first; the
     * requests written before are gone with the data (each trader sees its hash vanish and records the request as
     * wiped). Then the instrument master is written again, as the operator's bootstrap would.
     */
    private void restartRedis(int now) throws InterruptedException {
        redisGate.writeLock().lock();
        try {
            audit.drain(redis, uids);
            redisGeneration.incrementAndGet();
            log("Redis restart (all data lost) at %d requests done", now);
            redisServer.restart();
            audit.streamsWiped();
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    market.loadMaster(redis);
                    break;
                } catch (RedisException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            result.redisRestarts++;
        } finally {
            redisGate.writeLock().unlock();
        }
        // the agents switch keyspace notifications on again after a reconnect; without them only the 1 s sweep
        // finds requests
        Thread.sleep(3_000);
        String events = redis.configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
        result.notificationsAfterRestart.add(events.isEmpty() ? "(none)" : events);
        log("notify-keyspace-events 3 s after the Redis restart: '%s'", events);
    }

    /** Every trader has finished: wait until no in-flight record is left (the agents settle what they hold). */
    private void settleDown() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            long inFlight = 0;
            for (String uid : uids) {
                inFlight += redis.hlen(AgentKeys.inFlight(uid));
            }
            if (inFlight == 0) {
                return;
            }
            Thread.sleep(200);
        }
        log("in-flight records still there after 60 s");
    }

    static String describe(Sample sample) {
        return String.format(
                "heap after GC %.1f MiB, %d live threads, RSS %.0f MiB",
                sample.heapAfterGc() / 1048576.0, sample.liveThreads(), sample.rssKb() / 1024.0);
    }

    private void log(String format, Object... args) {
        out.printf("[soak %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
        out.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
