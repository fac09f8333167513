package dev.neoagent.broker.kotak;

import dev.neoagent.domain.MarketIndex;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which index a tick is about. The client subscribes by name ({@code nse_cm|Nifty 50}) but ticks carry a numeric
 * token, so the mapping comes from three places, in order: what was learned on this feed (the 1109 ack's
 * {@code trading_symbols} when it is keyed by the numeric token, or a packet whose name field matched), then NSE's
 * well-known tokens (26000 Nifty 50, 26009 Nifty Bank). A tick whose token is unknown is matched by the name in the
 * packet, and its token learned. Used on the feed's thread only.
 */
final class SFeedIndexTokens {
    static final int NSE_CM = 1;

    private static final Map<Long, MarketIndex> NSE_TOKENS =
            Map.of(26000L, MarketIndex.NIFTY_50, 26009L, MarketIndex.NIFTY_BANK);

    private final Map<Key, MarketIndex> learned = new HashMap<>();

    private record Key(int exchangeId, long token) {}

    /** The {@code inputtoken} entries of the subscription: every index by its NSE name. */
    static List<String> subscription() {
        return Arrays.stream(MarketIndex.values())
                .map(index -> "nse_cm|" + index.exchangeName())
                .toList();
    }

    /** Learns {@code exchange|token -> symbol} entries whose token is numeric and whose symbol names an index. */
    void learn(Map<String, String> tradingSymbols) {
        tradingSymbols.forEach((key, symbol) -> {
            int bar = key.indexOf('|');
            Integer exchangeId = bar < 0 ? null : SFeedControl.EXCHANGE_IDS.get(key.substring(0, bar));
            String token = bar < 0 ? "" : key.substring(bar + 1);
            if (exchangeId != null && !token.isEmpty() && token.chars().allMatch(Character::isDigit)) {
                byName(symbol).ifPresent(index -> learned.put(new Key(exchangeId, Long.parseLong(token)), index));
            }
        });
    }

    /** The index of a tick, learning its token from its name when only the name is known; empty for others. */
    Optional<MarketIndex> resolve(int exchangeId, long token, String packetName) {
        Key key = new Key(exchangeId, token);
        MarketIndex known = learned.get(key);
        if (known == null && exchangeId == NSE_CM) {
            known = NSE_TOKENS.get(token);
        }
        if (known != null) {
            return Optional.of(known);
        }
        Optional<MarketIndex> named = byName(packetName);
        named.ifPresent(index -> learned.put(key, index));
        return named;
    }

    /**
     * {@code Nifty 50}, {@code NIFTY 50} or {@code Nifty 50-IN} (a series suffix, as one ack shows): the name with
     * case, runs of spaces and one trailing {@code -XX} suffix ignored. Never a prefix match: "Nifty 500" is not
     * "Nifty 50".
     */
    static Optional<MarketIndex> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String plain = normalise(name.replaceFirst("-[A-Za-z]{1,3}$", ""));
        return Arrays.stream(MarketIndex.values())
                .filter(index -> normalise(index.exchangeName()).equals(plain))
                .findFirst();
    }

    private static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
