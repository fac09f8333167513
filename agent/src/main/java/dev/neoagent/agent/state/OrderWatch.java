package dev.neoagent.agent.state;

import dev.neoagent.contract.OrderStates;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What the order path asks of a user's order state: wait for an order to reach a state, bounded. */
public interface OrderWatch {
    /**
     * The order's state once the broker has taken it or refused it (open, trigger pending, complete, rejected,
     * cancelled), or its last known state when {@code within} has passed (empty: nothing known yet).
     */
    Optional<OrderStates.Entry> awaitSettled(String orderNo, Duration within) throws InterruptedException;

    /**
     * The order's state once it is filled in full or finished (complete, rejected, cancelled), or its last known
     * state when {@code within} has passed (empty: nothing known yet).
     */
    Optional<OrderStates.Entry> awaitFinished(String orderNo, Duration within) throws InterruptedException;

    /** The order's last known state, without waiting (empty: nothing known). */
    Optional<OrderStates.Entry> known(String orderNo);

    /**
     * The order's state once {@code done} holds for it, or its last known state when {@code within} has passed
     * (empty: nothing known yet).
     */
    Optional<OrderStates.Entry> awaitState(String orderNo, Duration within, Predicate<OrderStates.Entry> done)
            throws InterruptedException;

    /** Every order of the day that an earlier request placed, by its command id (orders are kept by number). */
    List<OrderStates.Entry> ofRequest(String commandId);
}
