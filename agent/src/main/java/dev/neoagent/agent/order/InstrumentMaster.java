package dev.neoagent.agent.order;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentMeta;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The instrument master in Redis, shared by every user's worker: it hands out a {@link InstrumentResolver} per load
 * ({@code NEO_INSTR_INFO.loaded_at}, which the bootstrap swaps in the same transaction as the hashes, and which each
 * claim reads) and keeps the cache of the newest load, so parsed contracts are reused until the next load.
 */
public final class InstrumentMaster {
    private final RedisCommands<String, String> redis;
    private final AtomicReference<LoadCache> newest = new AtomicReference<>(new LoadCache(""));
    private volatile SymbolIndex symbolIndex = new SymbolIndex("", Map.of());

    public InstrumentMaster(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** What was read during one load of the master: key and field → the parsed value. */
    record LoadCache(String loadedAt, ConcurrentHashMap<String, Object> values) {
        LoadCache(String loadedAt) {
            this(loadedAt, new ConcurrentHashMap<>());
        }
    }

    /**
     * A resolver for the load a request saw. A load newer than the cached one replaces the cache; an older one (a
     * request claimed just before a reload) gets a resolver that caches nothing rather than evicting the newer load.
     */
    public InstrumentResolver at(Optional<String> loadedAt) {
        if (loadedAt.isEmpty() || loadedAt.get().isEmpty()) {
            return new InstrumentResolver(this, null);
        }
        LoadCache current = newest.get();
        if (current.loadedAt().equals(loadedAt.get())) {
            return new InstrumentResolver(this, current);
        }
        if (current.loadedAt().compareTo(loadedAt.get()) > 0) {
            return new InstrumentResolver(this, null);
        }
        LoadCache fresh = new LoadCache(loadedAt.get());
        return new InstrumentResolver(this, newest.compareAndSet(current, fresh) ? fresh : null);
    }

    RedisCommands<String, String> redis() {
        return redis;
    }

    /** Looks a trading symbol up in an index of the whole master, built on first use and again after a reload. */
    Optional<InstrumentMeta> bySymbol(TradingSymbol symbol) {
        String loadedAt = Optional.ofNullable(redis.hget(InstrumentKeys.INSTR_INFO, InstrumentKeys.INFO_LOADED_AT))
                .orElse("");
        SymbolIndex index = symbolIndex;
        if (!index.loadedAt().equals(loadedAt)) {
            index = buildSymbolIndex(loadedAt);
            symbolIndex = index;
        }
        return Optional.ofNullable(index.bySymbol().get(symbol.value()));
    }

    private SymbolIndex buildSymbolIndex(String loadedAt) {
        Map<String, InstrumentMeta> bySymbol = new HashMap<>();
        redis.hgetall(InstrumentKeys.INSTR_META).forEach((field, json) -> {
            int bar = field.indexOf('|');
            try {
                InstrumentMeta meta = InstrumentMeta.parse(new InstrumentToken(field.substring(bar + 1)), json);
                bySymbol.put(meta.tradingSymbol().value(), meta);
            } catch (IllegalArgumentException e) {
                // one broken row must not hide every other instrument from the reports
            }
        });
        return new SymbolIndex(loadedAt, bySymbol);
    }

    private record SymbolIndex(String loadedAt, Map<String, InstrumentMeta> bySymbol) {}
}
