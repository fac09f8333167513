package dev.neoagent.config;

/**
 * Per-user guards checked before any order reaches the broker. The defaults are deliberately
 * modest: a user who trades larger raises them in their config file, on purpose.
 *
 * @param maxLotsPerOrder    most lots in one leg of one request (before freeze slicing);
 *                           JSON key {@code max_lots_per_order}
 * @param maxOrdersPerMinute most orders sent to the broker in any 60 s; JSON key
 *                           {@code max_orders_per_minute}; stops a runaway script or UI loop
 */
public record RiskLimits(int maxLotsPerOrder, int maxOrdersPerMinute) {
    public static final int DEFAULT_MAX_LOTS_PER_ORDER = 50;
    public static final int DEFAULT_MAX_ORDERS_PER_MINUTE = 60;
    public static final RiskLimits DEFAULT = new RiskLimits(DEFAULT_MAX_LOTS_PER_ORDER, DEFAULT_MAX_ORDERS_PER_MINUTE);

    public RiskLimits {
        if (maxLotsPerOrder < 1) {
            throw new IllegalArgumentException("max_lots_per_order must be at least 1, was " + maxLotsPerOrder);
        }
        if (maxOrdersPerMinute < 1) {
            throw new IllegalArgumentException("max_orders_per_minute must be at least 1, was " + maxOrdersPerMinute);
        }
    }
}
