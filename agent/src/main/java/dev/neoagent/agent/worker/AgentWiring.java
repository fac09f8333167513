package dev.neoagent.agent.worker;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.broker.MeteredBroker;
import dev.neoagent.agent.level.LevelArming;
import dev.neoagent.agent.level.LevelEngine;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.order.InstrumentMaster;
import dev.neoagent.agent.order.OrderExecutor;
import dev.neoagent.agent.order.RiskGuard;
import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.agent.report.ReportFiles;
import dev.neoagent.agent.spot.Sleeper;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.agent.spot.SpotPoller;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.config.SettingsReader;
import dev.neoagent.config.UserConfig;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
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
 */
record AgentWiring(
        AgentLease lease,
        LevelEngine levels,
        List<UserWorker> workers,
        List<MeteredBroker> brokers,
        Map<String, Runnable> wakeups,
        Optional<SpotPoller> spotPoller) {

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
        AuditLog audit = new AuditLog(connection.async());
        InstrumentMaster master = new InstrumentMaster(redis);
        ReportFiles reports = new ReportFiles(home);
        Dispatcher dispatcher = new Dispatcher(store, master, reports, audit, clock, lease.instanceId());
        LevelEngine levels = new LevelEngine(redis, clock, settings.spot().maxAge(), settings.sweepInterval());

        List<UserWorker> workers = new ArrayList<>();
        List<MeteredBroker> brokers = new ArrayList<>();
        Map<String, Runnable> wakeups = new LinkedHashMap<>();
        for (UserConfig user : users) {
            // the paper brokers look contracts up outside any request, in whatever load is current
            BrokerAdapter created = brokerFactory.create(user, master.at(Optional.empty()));
            MeteredBroker broker = new MeteredBroker(user.uid(), created, metrics);
            brokers.add(broker);
            // every user has both series from the start, at zero for a broker that never re-logs in or waits
            metrics.registerRateLimitWaits(user.uid(), created.stats()::rateLimitWaits);
            metrics.registerRelogins(user.uid(), created.stats()::relogins);
            reports.replaceUiTemplates(user.uid());
            UserContext context = new UserContext(
                    user.uid(),
                    broker,
                    user.risk(),
                    new RiskGuard(clock),
                    new OrderExecutor(user.uid(), broker, audit, settings.settlePause(), 2));
            LevelArming arming = new LevelArming(user.uid(), user.risk(), store, levels, master, clock);
            UserWorker worker = new UserWorker(
                    context, store, dispatcher, audit, lease, arming, metrics, clock, settings.sweepInterval());
            levels.listen(user.uid(), worker::fireLevel);
            workers.add(worker);
            wakeups.put(user.uid(), worker::wake);
        }
        for (SpotIndex index : SpotIndex.values()) {
            wakeups.put(index.valueKey(), () -> levels.spotChanged(index));
        }
        return new AgentWiring(
                lease,
                levels,
                List.copyOf(workers),
                List.copyOf(brokers),
                wakeups,
                spotPoller(users, brokers, redis, settings.spot(), clock));
    }

    /**
     * Quotes need only a consumer key: the poller uses the broker of {@code NEO_SPOT_UID}, else of the first user,
     * sharing that account's rate limiter with its orders (1 request a second of 10).
     */
    private static Optional<SpotPoller> spotPoller(
            List<UserConfig> users,
            List<? extends BrokerAdapter> brokers,
            RedisCommands<String, String> redis,
            SpotSettings spot,
            Clock clock) {
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
        return Optional.of(new SpotPoller(brokers.get(chosen), redis, spot, clock, Sleeper.REAL));
    }
}
