package dev.neoagent.agent.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link HealthSource} the test sets by hand. Starts healthy: Redis up, market closed, no users, no spots. */
final class FakeHealthSource implements HealthSource {
    volatile boolean redis = true;
    volatile boolean marketOpen;
    final Map<String, SessionState> sessions = new LinkedHashMap<>();
    final Map<String, Optional<Duration>> spots = new LinkedHashMap<>();
    volatile RuntimeException redisFailure;
    volatile RuntimeException sessionsFailure;
    volatile Optional<String> spotSource = Optional.empty();
    volatile Optional<Boolean> marketFeed = Optional.empty();

    FakeHealthSource session(String uid, SessionState state) {
        sessions.put(uid, state);
        return this;
    }

    FakeHealthSource spot(String index, Duration age) {
        spots.put(index, Optional.ofNullable(age));
        return this;
    }

    @Override
    public boolean redisReachable() {
        if (redisFailure != null) {
            throw redisFailure;
        }
        return redis;
    }

    @Override
    public synchronized Map<String, SessionState> sessions() {
        if (sessionsFailure != null) {
            throw sessionsFailure;
        }
        return Map.copyOf(sessions);
    }

    @Override
    public synchronized Map<String, Optional<Duration>> spotAges() {
        return Map.copyOf(spots);
    }

    @Override
    public boolean marketOpen() {
        return marketOpen;
    }

    @Override
    public Optional<String> spotSource() {
        return spotSource;
    }

    @Override
    public Optional<Boolean> marketFeedConnected() {
        return marketFeed;
    }
}
