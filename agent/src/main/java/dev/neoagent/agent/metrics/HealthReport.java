package dev.neoagent.agent.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One evaluation of the agent's health, as {@code /health} shows it.
 *
 * @param status         overall: {@link HealthStatus#DOWN} when Redis is unreachable, else
 *                       {@link HealthStatus#DEGRADED} when there is any {@code reason}, else {@link HealthStatus#UP}
 * @param redisReachable whether Redis answered
 * @param marketOpen     whether the market was open at the check (staleness and missing sessions count only then)
 * @param users          each served user's session state, by user id (kept sorted)
 * @param spots          each index's spot age and freshness, by index name (kept sorted)
 * @param reasons        why the status is not {@code UP}, one sentence each; empty when it is
 * @param spotSource     where the spots come from now, {@code feed} or {@code rest}; empty when neither writes
 * @param marketFeed     whether the market-data feed is connected; empty when the agent has none
 */
public record HealthReport(
        HealthStatus status,
        boolean redisReachable,
        boolean marketOpen,
        Map<String, SessionState> users,
        Map<String, Spot> spots,
        List<String> reasons,
        Optional<String> spotSource,
        Optional<Boolean> marketFeed) {

    /** A report that says nothing about the spot source and the feed. */
    public HealthReport(
            HealthStatus status,
            boolean redisReachable,
            boolean marketOpen,
            Map<String, SessionState> users,
            Map<String, Spot> spots,
            List<String> reasons) {
        this(status, redisReachable, marketOpen, users, spots, reasons, Optional.empty(), Optional.empty());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public HealthReport {
        Objects.requireNonNull(status, "status");
        users = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(users, "users")));
        spots = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(spots, "spots")));
        reasons = List.copyOf(reasons);
        spotSource = spotSource == null ? Optional.empty() : spotSource;
        marketFeed = marketFeed == null ? Optional.empty() : marketFeed;
    }

    /**
     * One index's spot.
     *
     * @param ageMillis now minus the spot's quote time, empty when there is no spot value
     * @param fresh     present and no older than the limit ({@code NEO_SPOT_MAX_AGE_MS})
     */
    public record Spot(OptionalLong ageMillis, boolean fresh) {
        public Spot {
            Objects.requireNonNull(ageMillis, "ageMillis");
        }
    }

    /**
     * The JSON body of {@code /health}:
     * <pre>{@code
     * {"status": "DEGRADED",
     *  "reasons": ["spot BANKNIFTY is 12.3 s old (limit 5.0 s) while the market is open"],
     *  "redis": {"reachable": true},
     *  "market_open": true,
     *  "users": {"ITC2766": {"session": "ACTIVE"}},
     *  "spot": {"BANKNIFTY": {"age_ms": 12300, "fresh": false}, "NIFTY": {"age_ms": 812, "fresh": true}},
     *  "spot_source": "rest",
     *  "market_feed": {"connected": false}}
     * }</pre>
     * {@code age_ms} is {@code null} when an index has no spot value; {@code spot_source} is {@code null} when neither
     * the feed nor the REST poller writes the spots, {@code market_feed} when the agent has no feed.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status.name());
        reasons.forEach(root.putArray("reasons")::add);
        root.putObject("redis").put("reachable", redisReachable);
        root.put("market_open", marketOpen);
        ObjectNode userNodes = root.putObject("users");
        users.forEach((uid, session) -> userNodes.putObject(uid).put("session", session.name()));
        ObjectNode spotNodes = root.putObject("spot");
        spots.forEach((index, spot) -> {
            ObjectNode node = spotNodes.putObject(index);
            if (spot.ageMillis().isPresent()) {
                node.put("age_ms", spot.ageMillis().getAsLong());
            } else {
                node.putNull("age_ms");
            }
            node.put("fresh", spot.fresh());
        });
        if (spotSource.isPresent()) {
            root.put("spot_source", spotSource.get());
        } else {
            root.putNull("spot_source");
        }
        if (marketFeed.isPresent()) {
            root.putObject("market_feed").put("connected", marketFeed.get());
        } else {
            root.putNull("market_feed");
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write health JSON", e);
        }
    }
}
