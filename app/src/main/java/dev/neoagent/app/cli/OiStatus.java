package dev.neoagent.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.agent.oi.OiPosition;
import dev.neoagent.contract.OiIndex;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OI crossover engine of one user (redis-contract.md §2.9) as {@code status} shows it: per index, one line with
 * the switch, the lots, the engine status, the open position, the last signal and the last outcome. Everything is
 * read from the user's hash and {@code NEO_OI_POSITION:<uid>}; a value that cannot be read is shown as
 * {@code unreadable}, never an error.
 */
final class OiStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OiStatus() {}

    /**
     * {@code NEO_OI_POSITION:<uid>} (field = index, value = position JSON); empty when the key is there but is not a
     * hash, so that every index with the engine on shows its position as unreadable.
     */
    static Optional<Map<String, String>> positions(RedisCommands<String, String> redis, String uid) {
        try {
            return Optional.of(redis.hgetall(OiIndex.positionKey(uid)));
        } catch (RedisCommandExecutionException e) { // WRONGTYPE: some other writer's key
            return Optional.empty();
        }
    }

    /**
     * Whether an index has anything to show: its engine is on, or it has a position, a last signal or an answer. A
     * user whose engine is off and never traded gets no line (the UI writes {@code OI_ENGINE_ENABLED=OFF} for every
     * user).
     */
    static boolean shown(OiIndex index, Map<String, String> hash, Optional<Map<String, String>> positions) {
        return OiIndex.ON.equals(hash.get(index.enabledField()))
                || positions.map(p -> p.containsKey(index.name())).orElse(true)
                || hash.containsKey(index.lastSignalField())
                || hash.containsKey(index.request().statusField().orElseThrow());
    }

    /**
     * {@code ON, 2 lots, engine RUNNING; position BULLISH: SELL 130 NIFTY26JAN25900PE #260120000000011; signal
     * BULLISH 12 s old (NEW); last SUCCESS: Order placed: 260120000000011}.
     */
    static String line(
            OiIndex index, String uid, Map<String, String> hash, Optional<Map<String, String>> positions, Instant now) {
        return enabled(hash.get(index.enabledField())) + ", " + lots(index, hash.get(index.lotsField())) + ", "
                + engine(hash.get(index.engineStatusField())) + "; " + position(index, uid, positions) + "; "
                + signal(hash.get(index.lastSignalField()), now) + "; " + outcome(index, hash);
    }

    /** As the agent reads the switch: exactly {@code ON} is on, anything else is off. */
    private static String enabled(String value) {
        if (OiIndex.ON.equals(value)) {
            return "ON";
        }
        return value == null || value.equals("OFF") ? "OFF" : "OFF ('" + value + "')";
    }

    /** As the agent reads the lots: 1 when not set, otherwise a whole number from 1 or the engine refuses to trade. */
    private static String lots(OiIndex index, String value) {
        if (value == null || value.isBlank()) {
            return "1 lot";
        }
        try {
            int lots = Integer.parseInt(value.strip());
            if (lots >= 1) {
                return lots + (lots == 1 ? " lot" : " lots");
            }
        } catch (NumberFormatException e) {
            // shown below
        }
        return "lots unreadable (" + index.lotsField() + " '" + value + "': not traded)";
    }

    private static String engine(String status) {
        return status == null ? "engine status not set" : "engine " + status;
    }

    /**
     * {@code position BULLISH: SELL 130 NIFTY26JAN25900PE #2601...}, {@code flat}, or unreadable: what the agent
     * itself could not read, it treats as no position.
     */
    private static String position(OiIndex index, String uid, Optional<Map<String, String>> positions) {
        String where = OiIndex.positionKey(uid) + " " + index.name();
        if (positions.isEmpty()) {
            return "position unreadable (" + OiIndex.positionKey(uid) + " is not a hash)";
        }
        String json = positions.get().get(index.name());
        if (json == null) {
            return "flat";
        }
        return OiPosition.parse(json)
                .map(position -> "position " + position.direction() + ": "
                        + position.legs().stream().map(OiStatus::leg).collect(Collectors.joining(", ")))
                .orElse("position unreadable (" + where + ": the agent sees no position)");
    }

    /** {@code SELL 130 NIFTY26JAN25900PE #260120000000011}. */
    private static String leg(OiPosition.Leg leg) {
        return orUnknown(leg.side()) + " " + leg.qty() + " " + orUnknown(leg.tsym()) + " #" + orUnknown(leg.orderNo());
    }

    /** {@code signal BULLISH 12 s old (NEW)}: the signal hash as the engine took it, aged from its {@code ts}. */
    private static String signal(String json, Instant now) {
        if (json == null) {
            return "no signal yet";
        }
        JsonNode signal;
        try {
            signal = JSON.readTree(json);
        } catch (IOException e) {
            return "signal unreadable";
        }
        if (signal == null || !signal.isObject()) {
            return "signal unreadable";
        }
        if (signal.isEmpty()) {
            return "no signal (the last order had none)";
        }
        StringBuilder text = new StringBuilder("signal ")
                .append(orUnknown(signal.path(OiIndex.SIGNAL_SIGNAL).asText()))
                .append(' ')
                .append(age(signal.path(OiIndex.SIGNAL_TS), now));
        String status = signal.path(OiIndex.SIGNAL_STATUS).asText();
        if (!status.isEmpty()) {
            text.append(" (").append(status).append(')');
        }
        return text.toString();
    }

    /** The signal engine's {@code ts}: epoch seconds with a fraction ({@code 1768881600.181555}). */
    private static String age(JsonNode ts, Instant now) {
        if (ts.isMissingNode() || ts.isNull()) {
            return "age unknown (no ts)";
        }
        try {
            long millis = new BigDecimal(ts.asText().strip()).movePointRight(3).longValue();
            return StatusCommand.age(Duration.between(Instant.ofEpochMilli(millis), now));
        } catch (NumberFormatException | ArithmeticException e) {
            return "ts unreadable ('" + ts.asText() + "')";
        }
    }

    /** {@code last SUCCESS: Order placed: ...} from STATUS_OI_CROSSOVER and MSG_OI_CROSSOVER. */
    private static String outcome(OiIndex index, Map<String, String> hash) {
        String status = hash.get(index.request().statusField().orElseThrow());
        if (status == null) {
            return "no answer yet";
        }
        String message = hash.get(index.request().messageField().orElseThrow());
        return "last " + (message == null || message.isEmpty() ? status : status + ": " + message);
    }

    private static String orUnknown(String text) {
        return text == null || text.isEmpty() ? "?" : text;
    }
}
