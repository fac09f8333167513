package dev.neoagent.agent.spot;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spot value as read back from Redis, with the time of the quote behind it.
 *
 * @param index which index
 * @param value the last value, positive
 * @param at    when the broker last updated the quote (or when it was fetched, if the broker gave no time)
 */
public record SpotValue(SpotIndex index, BigDecimal value, Instant at) {

    public SpotValue {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(index + " spot must be positive, got " + value);
        }
    }

    /**
     * Reads the value and its timestamp with one {@code MGET}, so both belong to the same write. Empty when
     * either key is missing or unreadable (another writer may not follow the contract): no value is better
     * than a wrong one.
     */
    public static Optional<SpotValue> read(RedisCommands<String, String> redis, SpotIndex index) {
        return read(redis, index, null);
    }

    /**
     * As {@link #read(RedisCommands, SpotIndex)}, but a value written without its {@code *_TS} key is
     * taken as of {@code timestampIfMissing}: the level engine reads right after a keyspace
     * notification announced the write, so for a writer that sets only {@code NF_SPOT} the value is
     * as new as that notification. A timestamp that is present but unreadable still yields nothing.
     */
    public static Optional<SpotValue> read(
            RedisCommands<String, String> redis, SpotIndex index, Instant timestampIfMissing) {
        List<KeyValue<String, String>> both = redis.mget(index.valueKey(), index.timestampKey());
        if (both.size() != 2 || !both.get(0).hasValue()) {
            return Optional.empty();
        }
        if (!both.get(1).hasValue() && timestampIfMissing == null) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(both.get(0).getValue().strip());
            Instant at = both.get(1).hasValue()
                    ? Instant.ofEpochMilli(Long.parseLong(both.get(1).getValue().strip()))
                    : timestampIfMissing;
            return value.signum() > 0 ? Optional.of(new SpotValue(index, value, at)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How old the quote is at {@code now}; negative when its time lies in the future (clock skew). */
    public Duration age(Instant now) {
        return Duration.between(at, now);
    }

    /** Whether the quote is at most {@code maxAge} old at {@code now} (a future time counts as fresh). */
    public boolean isFresh(Instant now, Duration maxAge) {
        return age(now).compareTo(maxAge) <= 0;
    }
}
