package dev.neoagent.agent.level;

import dev.neoagent.agent.command.RequestType;

import java.math.BigDecimal;

/**
 * The two level orders of a user (redis-contract.md §2.3): CE fires when the index crosses the level
 * upwards (breakout), PE when it crosses downwards (breakdown). Holds the hash field names of each.
 */
public enum LevelSide {
    CE(RequestType.LEVEL_CE),
    PE(RequestType.LEVEL_PE);

    private final RequestType requestType;

    LevelSide(RequestType requestType) {
        this.requestType = requestType;
    }

    public RequestType requestType() {
        return requestType;
    }

    public String triggerField() {
        return "LEVEL_" + name() + "_TRIGGER";
    }

    public String levelField() {
        return "LEVEL_" + name() + "_LEVEL";
    }

    public String indexField() {
        return "LEVEL_" + name() + "_INDEX";
    }

    public String legsField() {
        return "LEVEL_" + name();
    }

    public String statusField() {
        return "STATUS_LEVEL_" + name();
    }

    public String placeFlag() {
        return "PLACE_LEVEL_" + name();
    }

    /**
     * A crossing: CE when the previous spot was below the level and the current one is at or above
     * it; PE when the previous was above and the current is at or below.
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
