package dev.neoagent.agent.order;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.ExpiryList;
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Looks contracts up in the instrument master the bootstrap loaded (redis-contract.md §1), for one load of it. Every
 * order is resolved here, at the moment it is placed, so a reload is picked up without restarting the agent.
 *
 * <p>A resolver is bound to the load its request saw ({@link InstrumentMaster#at}): values read through it are
 * cached for that load only, so a request never mixes two loads, and no setter is shared between the users'
 * threads. A resolver without a load time caches nothing.
 */
public final class InstrumentResolver implements InstrumentLookup {
    /** Index options live in the NSE F&O segment; BSE index options (SENSEX) in BSE's. */
    private static final List<Segment> OPTION_SEGMENTS = List.of(Segment.NSE_FO, Segment.BSE_FO);

    private final InstrumentMaster master;
    private final RedisCommands<String, String> redis;
    /** The cache of this resolver's load; null when the load is unknown (nothing is cached). */
    private final InstrumentMaster.LoadCache cache;

    InstrumentResolver(InstrumentMaster master, InstrumentMaster.LoadCache cache) {
        this.master = master;
        this.redis = master.redis();
        this.cache = cache;
    }

    /** A resolver that caches nothing, for one-off lookups (the operator CLI, the demo's welcome). */
    public static InstrumentResolver uncached(RedisCommands<String, String> redis) {
        return new InstrumentMaster(redis).at(Optional.empty());
    }

    /** HGET and parse, through the per-load cache; absent values are never cached. */
    private <T> Optional<T> cached(String key, String field, Class<T> type, Function<String, T> parse) {
        String cacheKey = key + '\u0000' + field;
        Object hit = cache == null ? null : cache.values().get(cacheKey);
        if (hit != null) {
            return Optional.of(type.cast(hit));
        }
        String raw = redis.hget(key, field);
        if (raw == null) {
            return Optional.empty();
        }
        T value = parse.apply(raw);
        if (cache != null) {
            cache.values().put(cacheKey, value);
        }
        return Optional.of(value);
    }

    /** The token of an option, from {@code NEO_INSTR_OPT}. */
    public Optional<InstrumentToken> optionToken(
            String underlying, LocalDate expiry, String optionType, BigDecimal strike) {
        return cached(
                InstrumentKeys.INSTR_OPT,
                InstrumentKeys.optionField(underlying, expiry, optionType, strike),
                InstrumentToken.class,
                InstrumentToken::new);
    }

    /** The contract of an option token, looked up in the option segments. */
    public Optional<InstrumentMeta> optionMeta(InstrumentToken token) {
        for (Segment segment : OPTION_SEGMENTS) {
            Optional<InstrumentMeta> meta = byToken(segment, token);
            if (meta.isPresent()) {
                return meta;
            }
        }
        return Optional.empty();
    }

    /** The token of a cash symbol ({@code RELIANCE}), from {@code NEO_INSTR_EQ}. */
    public Optional<InstrumentToken> equityToken(String symbol) {
        return cached(InstrumentKeys.INSTR_EQ, symbol, InstrumentToken.class, InstrumentToken::new);
    }

    /** The option expiries loaded for an underlying; empty when the underlying was not loaded at all. */
    public Optional<List<LocalDate>> expiries(String underlying) {
        String json = redis.hget(InstrumentKeys.INSTR_EXPIRIES, underlying);
        if (json == null) {
            return Optional.empty();
        }
        return Optional.of(ExpiryList.read(json).orElse(List.of()));
    }

    /**
     * Every loaded strike of one underlying, expiry and option type, ascending: one {@code HSCAN} of
     * {@code NEO_INSTR_OPT}, for messages that tell an operator which strikes exist (not for the order path).
     */
    public List<BigDecimal> strikes(String underlying, LocalDate expiry, String optionType) {
        String prefix = InstrumentKeys.optionField(underlying, expiry, optionType, BigDecimal.ONE);
        prefix = prefix.substring(0, prefix.length() - 1);
        List<BigDecimal> strikes = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        MapScanCursor<String, String> cursor = redis.hscan(InstrumentKeys.INSTR_OPT, match);
        while (true) {
            for (String field : cursor.getMap().keySet()) {
                try {
                    strikes.add(new BigDecimal(field.substring(prefix.length())));
                } catch (NumberFormatException e) {
                    // a malformed field: left out of a list that only tells what can be ordered
                }
            }
            if (cursor.isFinished()) {
                break;
            }
            cursor = redis.hscan(InstrumentKeys.INSTR_OPT, cursor, match);
        }
        strikes.sort(null);
        return strikes;
    }

    /** The underlyings that have options loaded, for messages. */
    public List<String> underlyings() {
        return redis.hkeys(InstrumentKeys.INSTR_EXPIRIES).stream().sorted().toList();
    }

    @Override
    public Optional<InstrumentMeta> byToken(Segment segment, InstrumentToken token) {
        return cached(
                InstrumentKeys.INSTR_META,
                InstrumentKeys.metaField(InstrumentKeys.segmentCode(segment), token.value()),
                InstrumentMeta.class,
                json -> InstrumentMeta.parse(token, json));
    }

    /**
     * Trade-book rows name only the trading symbol: an index of the whole master by symbol, shared by every resolver
     * and rebuilt when the bootstrap has loaded a new master.
     */
    @Override
    public Optional<InstrumentMeta> byTradingSymbol(TradingSymbol symbol) {
        return master.bySymbol(symbol);
    }
}
