package dev.neoagent.agent.worker;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.broker.MeteredBroker;
import dev.neoagent.agent.level.LevelArming;
import dev.neoagent.agent.level.LevelEngine;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.oi.OiEngine;
import dev.neoagent.agent.oi.OiTrader;
import dev.neoagent.agent.order.InstrumentMaster;
import dev.neoagent.agent.order.OrderExecutor;
import dev.neoagent.agent.order.OrderManager;
import dev.neoagent.agent.order.RiskGuard;
import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.agent.redis.ReplicaGuard;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.agent.report.ReportFiles;
import dev.neoagent.agent.spot.Sleeper;
import dev.neoagent.agent.spot.SpotFeedWriter;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.agent.spot.SpotPoller;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.spot.SpotSource;
import dev.neoagent.agent.state.OrderStateWriter;
import dev.neoagent.agent.state.UserOrders;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.config.SettingsReader;
import dev.neoagent.config.UserConfig;
import dev.neoagent.contract.OiIndex;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wiring step of {@link AgentRuntime}: builds the agent's parts on one Redis connection and connects them, and
 * starts nothing (but the level engine's watch thread, which waits for spots). The runtime then runs the loops.
 *
 * @param wakeups   what a keyspace notification for a key wakes: the user's worker, or the level engine for a spot
 * @param spotPoller the REST poller of the index spots, not started; empty when there is no user to poll with
 * @param feeds     the users' order state and the market-data feed, started as sessions appear
 * @param store     the request queue, for the agent's safety sweep
 * @param replicas  what the primary's replicas hold, refreshed by the housekeeping
 */
record AgentWiring(
        AgentLease lease,
        LevelEngine levels,
        List<UserWorker> workers,
        List<MeteredBroker> brokers,
        Map<String, Runnable> wakeups,
        Optional<SpotPoller> spotPoller,
        Feeds feeds,
        RequestStore store,
        ReplicaGuard replicas) {

    static AgentWiring wire(
            StatefulRedisConnection<String, String> connection,
            Path home,
            List<UserConfig> users,
            AgentRuntime.UserBrokers brokerFactory,
            AgentSettings settings,
            AgentMetrics metrics,
            Clock clock) {
        RedisCommands<String, String> redis = connection.sync();
        AgentLease lease = new AgentLease(redis, settings.leaseTtl());
        RequestStore store = new RequestStore(redis, connection.async());
        ReplicaGuard replicas = new ReplicaGuard(redis);
        AuditLog audit = new AuditLog(connection.async());
        InstrumentMaster master = new InstrumentMaster(redis);
        ReportFiles reports = new ReportFiles(home);
        Dispatcher dispatcher = new Dispatcher(
                store,
                master,
                reports,
                audit,
                clock,
                lease.instanceId(),
                new OiTrader(redis, settings.oi(), settings.spot(), metrics, clock));
        LevelEngine levels = new LevelEngine(redis, clock, settings.spot().maxAge(), settings.sweepInterval());

        OrderStateWriter orderStates = new OrderStateWriter(connection.async());
        List<UserWorker> workers = new ArrayList<>();
        List<MeteredBroker> brokers = new ArrayList<>();
        List<UserOrders> userOrders = new ArrayList<>();
        Map<String, Runnable> wakeups = new LinkedHashMap<>();
        for (UserConfig user : users) {
            // the paper brokers look contracts up outside any request, in whatever load is current
            BrokerAdapter created = brokerFactory.create(user, master.at(Optional.empty()));
            MeteredBroker broker = new MeteredBroker(user.uid(), created, metrics, lease::orderRefusal);
            brokers.add(broker);
            // every user has both series from the start, at zero for a broker that never re-logs in or waits
            metrics.registerRateLimitWaits(user.uid(), created.stats()::rateLimitWaits);
            metrics.registerRelogins(user.uid(), created.stats()::relogins);
            reports.replaceUiTemplates(user.uid());
            UserOrders orders = new UserOrders(user.uid(), broker, orderStates, metrics, settings.orders(), clock);
            userOrders.add(orders);
            UserContext context = new UserContext(
                    user.uid(),
                    broker,
                    user.risk(),
                    new RiskGuard(clock),
                    new OrderExecutor(user.uid(), broker, audit, settings.settlePause(), 2, orders, settings.orders()),
                    new OrderManager(user.uid(), broker, orders, settings.orders(), audit));
            LevelArming arming = new LevelArming(user.uid(), user.risk(), store, levels, master, clock);
            OiEngine oi = new OiEngine(user.uid(), redis, store, settings.oi(), clock, lease.instanceId());
            UserWorker worker = new UserWorker(
                    context,
                    store,
                    dispatcher,
                    audit,
                    lease,
                    arming,
                    oi,
                    metrics,
                    clock,
                    UserWorker.IDLE_WAIT,
                    replicas);
            levels.listen(user.uid(), worker::fireLevel);
            workers.add(worker);
            wakeups.put(user.uid(), worker::wake);
        }
        for (SpotIndex index : SpotIndex.values()) {
            wakeups.put(index.valueKey(), () -> levels.spotChanged(index));
        }
        List<UserWorker> everyWorker = List.copyOf(workers);
        for (OiIndex index : OiIndex.values()) {
            wakeups.put(index.signalKey(), () -> everyWorker.forEach(UserWorker::oiSignalChanged));
        }
        // the feed is live while it ticks; two poll intervals of silence and the poller takes over
        SpotSource source = new SpotSource(
                settings.spot().interval().multipliedBy(2),
                maxOf(settings.spot().maxAge(), settings.spot().interval().multipliedBy(2)));
        Optional<MeteredBroker> spotBroker = spotBroker(users, brokers, settings.spot());
        Optional<SpotPoller> poller =
                spotBroker.map(broker -> new SpotPoller(broker, redis, settings.spot(), clock, Sleeper.REAL, source));
        Optional<Feeds.MarketFeedStart> marketFeed = spotBroker
                // NEO_SPOT=off leaves the spot keys to another process: the feed does not write them either
                .filter(broker -> settings.spot().enabled() && settings.feed().enabled())
                .map(broker -> new Feeds.MarketFeedStart(
                        broker,
                        new SpotFeedWriter(connection.async(), source, levels::spotTick, metrics),
                        new MarketFeedOptions(
                                settings.feed().stallTimeout(),
                                () -> settings.spot().marketHours().isOpen(clock.instant()))));
        return new AgentWiring(
                lease,
                levels,
                List.copyOf(workers),
                List.copyOf(brokers),
                wakeups,
                poller,
                new Feeds(brokers, userOrders, marketFeed, source),
                store,
                replicas);
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Quotes need only a consumer key: the poller and the market-data feed use the broker of {@code NEO_SPOT_UID},
     * else of the first user, sharing that account's rate limiter with its orders (1 request a second of 10). The
     * feed also needs that user's session: it starts once the user is logged in.
     */
    private static Optional<MeteredBroker> spotBroker(
            List<UserConfig> users, List<MeteredBroker> brokers, SpotSettings spot) {
        if (users.isEmpty()) {
            return Optional.empty();
        }
        int chosen = 0;
        if (spot.uid().isPresent()) {
            chosen = -1;
            for (int i = 0; i < users.size(); i++) {
                if (users.get(i).uid().equals(spot.uid().get())) {
                    chosen = i;
                }
            }
            if (chosen < 0) {
                throw SettingsReader.problem(SpotSettings.SPOT_UID, spot.uid().get(), "is not one of the users served");
            }
        }
        return Optional.of(brokers.get(chosen));
    }
}
