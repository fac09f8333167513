package dev.neoagent.agent.worker;

import dev.neoagent.agent.broker.MeteredBroker;
import dev.neoagent.agent.level.LevelEngine;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.metrics.HealthSource;
import dev.neoagent.agent.metrics.SessionState;
import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.agent.redis.AgentRedis;
import dev.neoagent.agent.redis.KeyspaceNotifications;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.agent.redis.UserOwnership;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.agent.spot.SpotPoller;
import dev.neoagent.agent.spot.SpotValue;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.config.UserConfig;
import dev.neoagent.instruments.InstrumentLookup;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: the loops over the parts {@link AgentWiring} connects. One Redis connection shared by every
 * worker, one worker per user on its own virtual thread, keyspace notifications to wake them, the spot poller and
 * the broker's feeds, a thread that keeps this instance's lease alive, and a housekeeping loop that runs the ownership
 * rounds, starts the feeds of users who have logged in, and samples what /health reports.
 * {@link #close()} stops claiming, lets requests in progress finish (bounded), and releases everything.
 */
public final class AgentRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

    private final RedisClient client;
    private final boolean ownsClient;
    private final StatefulRedisConnection<String, String> connection;
    private final AgentLease lease;
    private final List<UserWorker> workers;
    private final List<Thread> threads = new ArrayList<>();
    private final List<MeteredBroker> brokers;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final Map<String, Optional<Duration>> spotAges = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean redisReachable = true;
    private final KeyspaceNotifications notifications;
    private final Thread housekeeping;
    private final Thread leaseKeeper;
    private final LevelEngine levels;
    private final Optional<SpotPoller> spotPoller;
    private final Feeds feeds;
    private final Thread sweeper;
    private final AgentSettings settings;
    private final UserOwnership ownership;
    private final dev.neoagent.agent.redis.ReplicaGuard replicas;
    private volatile boolean closing;

    /** Makes a user's broker; paper brokers price from the instrument master they are given. */
    @FunctionalInterface
    public interface UserBrokers {
        BrokerAdapter create(UserConfig user, InstrumentLookup instruments);
    }

    private AgentRuntime(
            RedisConnection redisConnection,
            boolean ownsClient,
            Path home,
            List<UserConfig> users,
            UserBrokers brokerFactory,
            AgentSettings settings,
            AgentMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.client = redisConnection.client();
        this.ownsClient = ownsClient;
        RedisURI uri = redisConnection.uri();
        this.connection = redisConnection.connection();
        RedisCommands<String, String> redis = connection.sync();
        AgentWiring parts = AgentWiring.wire(connection, home, users, brokerFactory, settings, metrics, clock);
        this.lease = parts.lease();
        this.levels = parts.levels();
        this.workers = parts.workers();
        this.brokers = parts.brokers();
        lease.refresh();
        this.spotPoller = parts.spotPoller();
        this.feeds = parts.feeds();
        this.replicas = parts.replicas();
        KeyspaceNotifications subscribed = null;
        try {
            subscribed = new KeyspaceNotifications(client, uri, redis, parts.wakeups());
            replicas.refresh();
            this.ownership = new UserOwnership(
                    redis, lease, workers.stream().map(UserWorker::uid).toList(), owning(parts.store()));
            // the first round before any worker runs: a lone agent serves its users from the first request
            ownership.round();
        } catch (RuntimeException e) {
            // Redis went away while starting: release what was made, so a caller that retries leaks nothing
            if (subscribed != null) {
                subscribed.close();
            }
            levels.close();
            brokers.forEach(BrokerAdapter::close);
            throw e;
        }
        this.notifications = subscribed;
        metrics.registerOwnership(() -> ownership.owned().size(), ownership::liveAgents);
        spotPoller.ifPresent(SpotPoller::start);
        metrics.registerSpotSource(feeds.spotSource()::current);
        for (UserWorker worker : workers) {
            threads.add(Thread.ofVirtual().name("user-" + worker.uid()).start(worker));
        }
        metrics.registerInFlight(
                () -> (int) workers.stream().filter(UserWorker::isBusy).count());
        for (SpotIndex index : SpotIndex.values()) {
            spotAges.put(index.name(), Optional.empty());
            metrics.registerSpotAge(index.name(), () -> spotAges.getOrDefault(index.name(), Optional.empty()));
        }
        // Platform threads: the lease renewal must not queue behind hundreds of busy workers for the virtual threads'
        // carriers, or the agent would refuse its own orders (AgentLease.orderRefusal) under load. And a thread of its
        // own: an ownership round can be slow (handing a user over closes its feeds, which waits for a feed thread
        // that may be in the middle of a login), and the lease must not wait for it.
        this.leaseKeeper = Thread.ofPlatform().daemon().name("agent-lease").start(this::keepLease);
        this.housekeeping =
                Thread.ofPlatform().daemon().name("agent-housekeeping").start(() -> housekeeping(redis));
        this.sweeper = Thread.ofVirtual().name("request-sweeper").start(() -> sweep(parts.store()));
        log.info(
                "agent {} owns {} of its {} user(s) ({} agent(s) running) on {}",
                lease.instanceId(),
                ownership.owned().size(),
                users.size(),
                ownership.liveAgents(),
                uri.getSentinels().isEmpty()
                        ? uri.getHost() + ":" + uri.getPort()
                        : "the primary of Sentinel master " + uri.getSentinelMasterId());
    }

    /** What owning a user starts and stops: its worker, and its session and feeds. */
    private UserOwnership.Listener owning(RequestStore store) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < workers.size(); i++) {
            index.put(workers.get(i).uid(), i);
        }
        return new UserOwnership.Listener() {
            @Override
            public void gained(String uid, String previousOwner) {
                workers.get(index.get(uid)).ownershipGained();
            }

            @Override
            public void lost(String uid) {
                int i = index.get(uid);
                workers.get(i).ownershipLost();
                feeds.stopUser(i);
            }

            @Override
            public boolean idle(String uid) {
                return !workers.get(index.get(uid)).isBusy()
                        && store.inFlight(uid).isEmpty()
                        && store.pendingUsers(List.of(uid)).isEmpty();
            }
        };
    }

    /** Connects to Redis with a client of its own (closed with the agent) and starts serving every user. */
    public static AgentRuntime start(
            URI redisUrl,
            Path home,
            List<UserConfig> users,
            UserBrokers brokerFactory,
            AgentSettings settings,
            AgentMetrics metrics,
            Clock clock) {
        RedisClient client = createClient();
        RedisURI uri = uri(redisUrl);
        try {
            return new AgentRuntime(
                    new RedisConnection(client, uri, RedisEndpoint.connect(client, uri)),
                    true,
                    home,
                    users,
                    brokerFactory,
                    settings,
                    metrics,
                    clock);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    /**
     * Starts serving every user on a connection made by the caller's client, which the caller keeps (and shuts
     * down): a process that waits for Redis reuses one client for all its attempts.
     */
    public static AgentRuntime start(
            RedisConnection connection,
            Path home,
            List<UserConfig> users,
            UserBrokers brokerFactory,
            AgentSettings settings,
            AgentMetrics metrics,
            Clock clock) {
        return new AgentRuntime(connection, false, home, users, brokerFactory, settings, metrics, clock);
    }

    /** A client connected to Redis: the agent's connection, and the client for its notification subscription. */
    public record RedisConnection(
            RedisClient client, RedisURI uri, StatefulRedisConnection<String, String> connection) {}

    /** The agent's Redis URI (any form {@link RedisEndpoint} reads: TLS, Sentinel, ACL user): see {@link AgentRedis}. */
    public static RedisURI uri(URI redisUrl) {
        return AgentRedis.uri(RedisEndpoint.of(redisUrl));
    }

    /**
     * The agent's Redis client ({@link AgentRedis}), trusting the JVM's CAs for TLS; {@code AgentRedis.client} takes a
     * CA file. While Redis is away, commands fail at once (workers back off and retry) rather than queue claims and
     * answers to replay later in an order nobody chose.
     */
    public static RedisClient createClient() {
        return AgentRedis.client();
    }

    public String instanceId() {
        return lease.instanceId();
    }

    /** The users this agent owns now (NEO_OWNER), whose requests only it serves. */
    public List<String> ownedUsers() {
        return ownership.owned();
    }

    /**
     * Stops the way a killed process looks to Redis and to the other agents: nothing handed back, the lease left to
     * run out, nothing more written. For tests of takeover; a real agent is killed with SIGKILL.
     */
    public void crash() {
        closing = true;
        leaseKeeper.interrupt();
        housekeeping.interrupt();
        sweeper.interrupt();
        workers.forEach(UserWorker::stop);
        spotPoller.ifPresent(SpotPoller::close);
        connection.close(); // whatever a worker still tries to write fails, as it would on a dead host
        notifications.close();
        feeds.close();
        levels.close();
        if (ownsClient) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        brokers.forEach(BrokerAdapter::close);
        log.info("agent {} crashed on purpose", lease.instanceId());
    }

    /** The spot a watched level compares the next one with, if any. */
    public java.util.Optional<java.math.BigDecimal> levelPreviousSpot(
            String uid, dev.neoagent.contract.LevelSide side) {
        return levels.previousSpot(uid, side);
    }

    /** Whether the level engine is watching this user's level (armed and checked). */
    public boolean isWatchingLevel(String uid, dev.neoagent.contract.LevelSide side) {
        return levels.isWatching(uid, side);
    }

    /** Renews this agent's lease, about three times per lease period (at most once a second), until it stops. */
    private void keepLease() {
        while (!closing) {
            lease.refresh();
            try {
                Thread.sleep(housekeepingPeriod());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long housekeepingPeriod() {
        return Math.max(100, Math.min(1000, settings.leaseTtl().toMillis() / 3));
    }

    /**
     * Runs the ownership rounds, starts the feeds of users who logged in, and samples whether Redis answers and how old
     * the spots are, so /health and /metrics answer from memory without touching Redis or the broker. As often as the
     * lease is renewed.
     */
    private void housekeeping(RedisCommands<String, String> redis) {
        long every = housekeepingPeriod();
        while (!closing) {
            try {
                replicas.refresh();
                ownership.round();
            } catch (RuntimeException e) {
                log.debug("ownership round failed: {}", e.toString()); // Redis trouble: the lease refresh reports it
            }
            try {
                feeds.startReady();
            } catch (RuntimeException e) {
                log.warn("a broker feed did not start: {}", e.toString());
            }
            try {
                redis.ping();
                redisReachable = true;
                Instant now = clock.instant();
                for (SpotIndex index : SpotIndex.values()) {
                    spotAges.put(index.name(), SpotValue.read(redis, index).map(spot -> spot.age(now)));
                }
            } catch (RuntimeException e) {
                redisReachable = false;
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The safety sweep (NEO_SWEEP_MS): one pass over every user this agent serves, a few commands in all, waking the
     * workers of users with something to do — a request whose keyspace notification was lost, an armed level, an OI
     * engine switched on. Idle users cost nothing else: their workers wait. (A stopped agent's requests need no look
     * of their own: its users' new owner settles them when it takes the users over.)
     */
    private void sweep(RequestStore store) {
        Map<String, UserWorker> byUid = new LinkedHashMap<>();
        workers.forEach(worker -> byUid.put(worker.uid(), worker));
        while (!closing) {
            try {
                Thread.sleep(settings.sweepInterval());
            } catch (InterruptedException e) {
                return;
            }
            try {
                List<String> uids = ownership.owned();
                store.pendingUsers(uids).forEach(uid -> byUid.get(uid).sweepFound());
            } catch (RuntimeException e) {
                log.debug("safety sweep failed: {}", e.toString()); // the workers' own backoff reports Redis trouble
            }
        }
    }

    private void stopLeaseKeeper() {
        leaseKeeper.interrupt();
        try {
            leaseKeeper.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What /health reports, from what housekeeping and the brokers hold in memory. */
    public HealthSource health() {
        return new HealthSource() {
            @Override
            public boolean redisReachable() {
                return redisReachable;
            }

            @Override
            public Map<String, SessionState> sessions() {
                Map<String, SessionState> sessions = new LinkedHashMap<>();
                for (int i = 0; i < brokers.size(); i++) {
                    sessions.put(workers.get(i).uid(), brokers.get(i).session());
                }
                return sessions;
            }

            @Override
            public Map<String, Optional<Duration>> spotAges() {
                return Map.copyOf(spotAges);
            }

            @Override
            public boolean marketOpen() {
                return settings.spot().marketHours().isOpen(clock.instant());
            }

            @Override
            public Optional<String> spotSource() {
                return feeds.spotSource().current();
            }

            @Override
            public Optional<Boolean> marketFeedConnected() {
                return feeds.marketFeedConnected();
            }
        };
    }

    /** Stop claiming, wait for requests in progress (bounded by the shutdown grace), release everything. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        log.info("agent {} stopping: no new requests are claimed", lease.instanceId());
        spotPoller.ifPresent(SpotPoller::close);
        workers.forEach(UserWorker::stop);
        Instant deadline = Instant.now().plus(settings.shutdownGrace());
        for (Thread thread : threads) {
            try {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left > 0) {
                    thread.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long stillBusy = workers.stream().filter(UserWorker::isBusy).count();
        if (stillBusy > 0) {
            log.warn(
                    "{} request(s) still in progress after the shutdown grace; their in-flight records will be "
                            + "settled from the order book on the next start",
                    stillBusy);
        }
        housekeeping.interrupt();
        sweeper.interrupt();
        stopLeaseKeeper(); // before the lease is released below, so that no renewal can come after it
        feeds.close();
        if (stillBusy == 0) {
            try {
                ownership.releaseAll(); // the other agents (or this one restarted) take the users at once
            } catch (RuntimeException e) {
                log.debug("users not handed back: {}", e.toString()); // they move when the lease runs out
            }
            lease.release();
        }
        notifications.close();
        levels.close();
        connection.close();
        if (ownsClient) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        brokers.forEach(BrokerAdapter::close);
        log.info("agent {} stopped", lease.instanceId());
    }
}
