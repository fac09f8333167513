package dev.neoagent.agent.state;

import dev.neoagent.contract.OrderStates;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes order states to Redis without waiting: {@code NEO_ORDERS:<uid>} (order number → JSON) and the capped stream
 * {@code NEO_ORDER_EVENTS:<uid>}. A failed write is logged; the next change of the order writes it again, and the
 * agent's own decisions never depend on Redis having it.
 */
public final class OrderStateWriter {
    private static final Logger log = LoggerFactory.getLogger(OrderStateWriter.class);
    /** About a busy day's worth of state changes of one account. */
    static final long EVENTS_KEPT = 10_000;

    private final RedisAsyncCommands<String, String> redis;

    public OrderStateWriter(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    void write(String uid, OrderStates.Entry entry) {
        redis.hset(OrderStates.orders(uid), entry.orderNo(), entry.toJson()).exceptionally(e -> failed(uid, e));
        redis.xadd(OrderStates.events(uid), XAddArgs.Builder.maxlen(EVENTS_KEPT).approximateTrimming(), entry.event())
                .exceptionally(e -> failed(uid, e));
    }

    /** A new trading day: yesterday's orders leave the hash (the stream keeps its history, capped). */
    void newDay(String uid) {
        redis.del(OrderStates.orders(uid)).exceptionally(e -> failed(uid, e));
    }

    private static <T> T failed(String uid, Throwable e) {
        log.warn("[{}] order state not written to Redis: {}", uid, e.toString());
        return null;
    }
}
