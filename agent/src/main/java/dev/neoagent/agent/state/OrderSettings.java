package dev.neoagent.agent.state;

import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the agent follows its orders after sending them (redis-contract.md §2.2, §2.7).
 *
 * @param confirmWindow how long an acknowledged order is watched for a rejection (RMS, exchange) before it is
 *                      answered SUCCESS; an order the exchange has taken (open, complete) is answered at once
 * @param hedgeTimeout  how long a SELL leg waits for every BUY leg of its request to be filled in full
 * @param pollInterval  how often the order book is read while the order feed is down (only while orders are open or
 *                      awaited)
 * @param orderFeed     whether to use the broker's order-update feed at all ({@code off}: the order book only)
 */
public record OrderSettings(Duration confirmWindow, Duration hedgeTimeout, Duration pollInterval, boolean orderFeed) {

    public static final Setting CONFIRM_MS = new Setting(
            "NEO_ORDER_CONFIRM_MS",
            "--order-confirm-ms",
            "2000",
            "How long an acknowledged order is watched for a rejection before it is answered SUCCESS, milliseconds");
    public static final Setting HEDGE_TIMEOUT_MS = new Setting(
            "NEO_HEDGE_TIMEOUT_MS",
            "--hedge-timeout-ms",
            "5000",
            "How long SELL legs wait for their BUY legs to be filled in full, milliseconds");
    public static final Setting ORDER_POLL_MS = new Setting(
            "NEO_ORDER_POLL_MS",
            "--order-poll-ms",
            "1000",
            "Order-book reads while the order feed is down, milliseconds between them (at least 250)");
    public static final Setting ORDER_FEED = new Setting(
            "NEO_ORDER_FEED",
            "--order-feed",
            "on",
            "The broker's order-update feed: on, or off for the order book only");

    public static final List<Setting> SETTINGS = List.of(CONFIRM_MS, HEDGE_TIMEOUT_MS, ORDER_POLL_MS, ORDER_FEED);

    public static final OrderSettings DEFAULTS = from(Map.of());

    public OrderSettings {
        Objects.requireNonNull(confirmWindow, "confirmWindow");
        Objects.requireNonNull(hedgeTimeout, "hedgeTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    public static OrderSettings from(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        return new OrderSettings(
                millis(settings, CONFIRM_MS, 0),
                millis(settings, HEDGE_TIMEOUT_MS, 0),
                millis(settings, ORDER_POLL_MS, 250),
                settings.onOff(ORDER_FEED));
    }

    private static Duration millis(SettingsReader settings, Setting setting, long min) {
        return Duration.ofMillis(settings.whole(
                setting, min, 3_600_000, "must be a number of milliseconds from " + min + " to 3600000"));
    }
}
