package dev.neoagent.broker.kotak;

import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.domain.MarketIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SFeed's data means to the agent, whichever connection it came on: index ticks go to the listener (in
 * rupees, with the broker's time), scrips' last trades and open interest are kept for later use, market status
 * changes are logged, malformed input is reported to the listener every time and logged once a minute per kind.
 * Used on the feed's thread only, except {@link #lastTrade}.
 */
final class SFeedData {
    /** An index value of zero or less: never passed on (a zero spot would look like a crash to every level order). */
    static final String BAD_VALUE = "bad_value";

    /** Logged under the feed's name: an operator follows one logger for the feed. */
    private static final Logger log = LoggerFactory.getLogger(KotakMarketFeed.class);

    /** The last trade of a scrip seen on the feed (market picture or mini touch line); -1 when no OI is known. */
    record LastTrade(BigDecimal ltp, long openInterest, Instant time) {}

    private final String account;
    private final MarketFeedListener listener;
    private final Consumer<Runnable> tell;
    private final SFeedIndexTokens indexTokens = new SFeedIndexTokens();
    private final Map<String, LastTrade> lastTrades = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> marketStatus = new HashMap<>();
    private final LogThrottle malformedLog = LogThrottle.perMinute();

    /** @param tell runs a listener call (the feed skips it once closed and survives a listener that throws) */
    SFeedData(String account, MarketFeedListener listener, Consumer<Runnable> tell) {
        this.account = account;
        this.listener = listener;
        this.tell = tell;
    }

    /**
     * Reads one binary frame.
     *
     * @param dividers the connection's price divider per exchange id, from its auth reply
     * @return whether it carried a tick of one of the agent's indices (what the stall watch waits for)
     */
    boolean frame(byte[] frame, Map<Integer, Long> dividers, Instant received) {
        boolean ticked = false;
        for (SFeedPacket packet : SFeedDecoder.decode(frame)) {
            switch (packet) {
                case SFeedPacket.IndexTick tick -> ticked |= index(tick, dividers, received);
                case SFeedPacket.Trade trade -> trade(trade, dividers, received);
                case SFeedPacket.MarketStatus status -> marketStatus(status);
                case SFeedPacket.Ignored ignored -> {}
                case SFeedPacket.Malformed bad -> malformed(bad.kind());
            }
        }
        return ticked;
    }

    /** The 1109 ack's {@code exchange|token -> symbol} map: it may name the indices' numeric tokens. */
    void learn(Map<String, String> tradingSymbols) {
        indexTokens.learn(tradingSymbols);
    }

    void malformed(String kind) {
        tell.accept(() -> listener.onMalformed(kind));
        if (malformedLog.shouldLog(kind)) {
            log.warn(
                    "[{}] market feed sent input it cannot read ({}); skipped, the connection stays up "
                            + "(logged once a minute per kind)",
                    account,
                    kind);
        }
    }

    /** The last trade seen of {@code exchange|token} ({@code nse_fo}, 58801), if any; any thread. */
    Optional<LastTrade> lastTrade(String exchange, long token) {
        Integer id = SFeedControl.EXCHANGE_IDS.get(exchange);
        return id == null ? Optional.empty() : Optional.ofNullable(lastTrades.get(id + "|" + token));
    }

    private boolean index(SFeedPacket.IndexTick tick, Map<Integer, Long> dividers, Instant received) {
        Optional<MarketIndex> index = indexTokens.resolve(tick.exchangeId(), tick.token(), tick.name());
        if (index.isEmpty()) {
            log.debug("[{}] market feed: tick of index {} ({}) is not one of ours", account, tick.token(), tick.name());
            return false;
        }
        if (tick.value() <= 0) {
            malformed(BAD_VALUE);
            return false;
        }
        BigDecimal value = SFeedValues.price(tick.value(), divider(dividers, tick.exchangeId()));
        Instant time = SFeedValues.tickTime(tick.ltt(), received);
        tell.accept(() -> listener.onIndex(index.get(), value, time));
        return true;
    }

    private void trade(SFeedPacket.Trade trade, Map<Integer, Long> dividers, Instant received) {
        String key = trade.exchangeId() + "|" + trade.token();
        long openInterest = trade.openInterest();
        if (openInterest < 0) { // a mini touch line carries none: keep the last known
            LastTrade previous = lastTrades.get(key);
            openInterest = previous == null ? -1 : previous.openInterest();
        }
        lastTrades.put(
                key,
                new LastTrade(
                        SFeedValues.price(trade.ltp(), divider(dividers, trade.exchangeId())),
                        openInterest,
                        SFeedValues.tickTime(trade.ltt(), received)));
    }

    private void marketStatus(SFeedPacket.MarketStatus status) {
        Integer previous = marketStatus.put(status.exchangeId(), status.status());
        if (!Integer.valueOf(status.status()).equals(previous)) {
            log.info(
                    "[{}] market feed: exchange {} market status {}",
                    account,
                    status.exchangeId(),
                    switch (status.status()) {
                        case 1 -> "open";
                        case 2 -> "closed";
                        default -> "pre-open/CAS/closing (" + status.status() + ")";
                    });
        }
    }

    private static long divider(Map<Integer, Long> dividers, int exchangeId) {
        return dividers.getOrDefault(exchangeId, SFeedControl.DEFAULT_DIVIDER);
    }
}
