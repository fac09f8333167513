package dev.neoagent.contract;

import java.math.BigDecimal;
import java.util.List;

/**
 * The two level orders of a user (redis-contract.md §2.3): CE fires when the index crosses the level upwards
 * (breakout), PE when it crosses downwards (breakdown). Holds the hash field names and trigger values of each.
 */
public enum LevelSide {
    CE,
    PE;

    /** {@code LEVEL_<side>_TRIGGER}: armed, fired or cancelled. */
    public static final String WAITING = "waiting";

    public static final String TRIGGERED = "triggered";
    public static final String CANCELLED = "cancelled";
    /** {@code STATUS_LEVEL_<side>} while armed, and after a cancel. */
    public static final String STATUS_WAITING = "WAITING";

    public static final String STATUS_CANCELLED = "CANCELLED";

    private static final String PREFIX = "LEVEL_";

    public String triggerField() {
        return PREFIX + name() + "_TRIGGER";
    }

    public String levelField() {
        return PREFIX + name() + "_LEVEL";
    }

    public String indexField() {
        return PREFIX + name() + "_INDEX";
    }

    /** The legs, a JSON list as for {@code PLACE_MULTI}. */
    public String legsField() {
        return PREFIX + name();
    }

    public String statusField() {
        return "STATUS_" + PREFIX + name();
    }

    public String messageField() {
        return "MSG_" + PREFIX + name();
    }

    public String resultField() {
        return "RESULT_" + PREFIX + name();
    }

    /** {@code PLACE_LEVEL_<side>=requested} fires the armed legs now. */
    public String placeFlag() {
        return "PLACE_" + PREFIX + name();
    }

    /** Why a {@link #placeFlag()} request failed. */
    public String placeMessageField() {
        return placeFlag() + "_MESSAGE";
    }

    /**
     * Every field of this side, in this order: trigger, level, index, legs, status, message, result, place flag,
     * place message (the order the level scripts receive them in).
     */
    public List<String> fields() {
        return List.of(
                triggerField(),
                levelField(),
                indexField(),
                legsField(),
                statusField(),
                messageField(),
                resultField(),
                placeFlag(),
                placeMessageField());
    }

    public RequestType requestType() {
        return switch (this) {
            case CE -> RequestType.LEVEL_CE;
            case PE -> RequestType.LEVEL_PE;
        };
    }

    /**
     * A crossing: CE when the previous spot was below the level and the current one is at or above it; PE when the
     * previous was above and the current is at or below.
     */
    public boolean crossed(BigDecimal previous, BigDecimal level, BigDecimal current) {
        return switch (this) {
            case CE -> previous.compareTo(level) < 0 && current.compareTo(level) >= 0;
            case PE -> previous.compareTo(level) > 0 && current.compareTo(level) <= 0;
        };
    }

    public static LevelSide of(RequestType type) {
        return switch (type) {
            case LEVEL_CE -> CE;
            case LEVEL_PE -> PE;
            default -> throw new IllegalArgumentException(type + " is not a level order");
        };
    }
}
