package dev.neoagent.agent.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns what a {@link HealthSource} reports into a {@link HealthReport}. The rules:
 *
 * <ul>
 *   <li><b>DOWN</b> (HTTP 503): Redis is unreachable. Nothing can be served without it.</li>
 *   <li><b>DEGRADED</b> (HTTP 200), any of:
 *     <ul>
 *       <li>while the market is open, an index spot is missing or older than {@code spotMaxAge}
 *           ({@code NEO_SPOT_MAX_AGE_MS}: such a spot never fires a level order, so level orders are stalled) —
 *           neither the market-data feed nor the REST poller keeps it fresh; the report names the live source
 *           ({@code spot_source}) and whether the feed is connected;</li>
 *       <li>while the market is open, a user holds no session ({@code NONE} or {@code EXPIRED}): the next request
 *           pays for a login, and that login may fail;</li>
 *       <li>at any time, a user's last login {@code FAILED}: it will not fix itself (wrong MPIN or TOTP secret,
 *           IP not allowed) and someone must look;</li>
 *       <li>a part of the source could not be read (it threw).</li>
 *     </ul>
 *     Outside market hours an old spot (yesterday's close) and users not yet logged in (the agent logs in on the
 *     first request that needs it) are normal and do not degrade.</li>
 *   <li><b>UP</b> otherwise.</li>
 * </ul>
 *
 * <p>An exception from the source is named by its class only, never its message (which could carry a Redis URL or
 * a broker answer).
 */
public final class HealthCheck {

    private final HealthSource source;
    private final Duration spotMaxAge;

    /**
     * @param spotMaxAge a spot older than this is stale (the agent's {@code NEO_SPOT_MAX_AGE_MS})
     */
    public HealthCheck(HealthSource source, Duration spotMaxAge) {
        this.source = Objects.requireNonNull(source, "source");
        this.spotMaxAge = Objects.requireNonNull(spotMaxAge, "spotMaxAge");
        if (spotMaxAge.isNegative() || spotMaxAge.isZero()) {
            throw new IllegalArgumentException("spotMaxAge must be positive, was " + spotMaxAge);
        }
    }

    /** Asks the source now and evaluates the rules. Never throws because of the source. */
    public HealthReport check() {
        List<String> reasons = new ArrayList<>();

        boolean redis = read(source::redisReachable, false, "Redis reachability", reasons);
        if (!redis) {
            reasons.addFirst("Redis is not reachable");
        }
        boolean marketOpen = read(source::marketOpen, false, "market hours", reasons);
        Map<String, SessionState> reported =
                read(() -> new TreeMap<>(source.sessions()), Map.of(), "sessions", reasons);
        Map<String, Optional<Duration>> ages =
                read(() -> new TreeMap<>(source.spotAges()), Map.of(), "spot ages", reasons);

        Map<String, SessionState> sessions = new TreeMap<>();
        reported.forEach((uid, session) -> {
            SessionState state = session == null ? SessionState.NONE : session;
            sessions.put(uid, state);
            if (state == SessionState.FAILED) {
                reasons.add("user " + uid + ": the last login failed");
            } else if (state != SessionState.ACTIVE && marketOpen) {
                reasons.add("user " + uid + " has no session (" + state + ") while the market is open");
            }
        });

        Map<String, HealthReport.Spot> spots = new TreeMap<>();
        ages.forEach((index, maybeAge) -> {
            Optional<Duration> age = maybeAge == null ? Optional.empty() : maybeAge;
            boolean fresh = age.isPresent() && age.get().compareTo(spotMaxAge) <= 0;
            spots.put(
                    index,
                    new HealthReport.Spot(
                            age.map(a -> OptionalLong.of(a.toMillis())).orElse(OptionalLong.empty()), fresh));
            if (!fresh && marketOpen) {
                reasons.add(age.map(a -> "spot " + index + " is " + seconds(a) + " s old (limit " + seconds(spotMaxAge)
                                + " s) while the market is open")
                        .orElse("spot " + index + " has no value while the market is open"));
            }
        });

        Optional<String> spotSource = read(source::spotSource, Optional.empty(), "spot source", reasons);
        Optional<Boolean> marketFeed = read(source::marketFeedConnected, Optional.empty(), "market feed", reasons);

        HealthStatus status = !redis ? HealthStatus.DOWN : reasons.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED;
        return new HealthReport(status, redis, marketOpen, sessions, spots, reasons, spotSource, marketFeed);
    }

    private static <T> T read(Supplier<T> part, T fallback, String what, List<String> reasons) {
        try {
            T value = part.get();
            return value == null ? fallback : value;
        } catch (RuntimeException e) {
            reasons.add("could not read " + what + " (" + e.getClass().getSimpleName() + ")");
            return fallback;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
