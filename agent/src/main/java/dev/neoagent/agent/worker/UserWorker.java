package dev.neoagent.agent.worker;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.level.ArmedLevel;
import dev.neoagent.agent.level.LevelEngine;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.order.InFlightRecord;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.agent.reconcile.Reconciler;
import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.RequestType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Serves one user, serially, on its own virtual thread: one user's slow broker call never delays
 * another user. It wakes on a keyspace notification for the user's hash or, as a safety net, every
 * sweep interval; claims each pending request atomically; serves it; and writes the answer, retrying
 * that write while Redis is away so an answer is never lost.
 */
public final class UserWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(UserWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final UserContext user;
    private final RequestStore store;
    private final Dispatcher dispatcher;
    private final AuditLog audit;
    private final Reconciler reconciler = new Reconciler();
    private final AgentLease lease;
    private final Clock clock;
    private final Duration sweepInterval;
    private final Semaphore wake = new Semaphore(0);
    private final LevelEngine levels;
    private final AgentMetrics metrics;
    private final java.util.concurrent.ConcurrentLinkedQueue<ArmedLevel> crossings = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.EnumMap<LevelSide, ArmedLevel> checkedArmings = new java.util.EnumMap<>(LevelSide.class);
    private volatile boolean stopping;
    private volatile boolean busy;
    private boolean redisFailing;
    private Instant nextReconcile = Instant.EPOCH;

    public UserWorker(UserContext user, RequestStore store, Dispatcher dispatcher, AuditLog audit, AgentLease lease,
                      LevelEngine levels, AgentMetrics metrics, Clock clock, Duration sweepInterval) {
        this.levels = levels;
        this.metrics = metrics;
        this.user = user;
        this.store = store;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.lease = lease;
        this.clock = clock;
        this.sweepInterval = sweepInterval;
    }

    public String uid() {
        return user.uid();
    }

    /** Called on a keyspace notification for this user's hash. */
    public void wake() {
        wake.release();
    }

    /** The level engine saw this user's level cross: fire it on this worker, next. */
    public void fireLevel(ArmedLevel level) {
        crossings.add(level);
        wake.release();
    }

    /** Stop claiming; a request being served is finished first. */
    public void stop() {
        stopping = true;
        wake.release();
    }

    public boolean isBusy() {
        return busy;
    }

    @Override
    public void run() {
        Duration backoff = sweepInterval;
        while (!stopping) {
            try {
                reconcileIfDue();
                serveAll();
                if (redisFailing) {
                    log.info("[{}] Redis reachable again", user.uid());
                    redisFailing = false;
                }
                backoff = sweepInterval;
            } catch (RuntimeException e) {
                if (!redisFailing) {
                    log.warn("[{}] cannot serve requests: {}", user.uid(), e.toString(), e);
                    redisFailing = true;
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
            try {
                wake.tryAcquire(redisFailing ? backoff.toMillis() : sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Fires level crossings first (they are the most time-critical), then serves pending requests
     * one claim at a time until none is left, then looks at the user's level orders.
     */
    void serveAll() {
        while (!stopping) {
            ArmedLevel crossed = crossings.poll();
            if (crossed != null) {
                fire(crossed.side(), crossed.levelText(), crossed.indexText(), false);
                continue;
            }
            Instant now = clock.instant();
            Optional<ClaimedRequest> claimed = store.claimNext(user.uid(), CommandId.next(now), now, lease.instanceId());
            if (claimed.isEmpty()) {
                break;
            }
            serve(claimed.get());
        }
        if (!stopping) {
            refreshLevels();
        }
    }

    private void fire(LevelSide side, String levelText, String indexText, boolean byPlaceFlag) {
        Instant now = clock.instant();
        store.fireLevel(user.uid(), side, CommandId.next(now), now, lease.instanceId(), levelText, indexText, byPlaceFlag)
                .ifPresent(this::serve);
    }

    /**
     * Reads both level orders and tells the engine what is armed. A new arming is checked at once
     * (level, index, legs against the master and limits) so a mistake is reported when it is armed,
     * not when the market crosses; {@code PLACE_LEVEL_*=requested} fires it now; a cancel that came
     * after a firing gets the real outcome back.
     */
    private void refreshLevels() {
        Map<String, String> fields = store.readLevelFields(user.uid());
        for (LevelSide side : LevelSide.values()) {
            if (Flags.REQUESTED.equals(fields.get(side.placeFlag()))) {
                levels.update(user.uid(), side, Optional.empty());
                fire(side, "", "", true);
                continue;
            }
            String trigger = fields.get(side.triggerField());
            if (LevelSide.WAITING.equals(trigger) && !LevelSide.STATUS_CANCELLED.equals(fields.get(side.statusField()))) {
                levels.update(user.uid(), side, armed(side, fields));
            } else {
                levels.update(user.uid(), side, Optional.empty());
                checkedArmings.remove(side);
                if (LevelSide.CANCELLED.equals(trigger)) {
                    store.answerLateCancel(user.uid(), side);
                }
            }
        }
    }

    /** The armed level, once every field is there and it has passed its checks. */
    private Optional<ArmedLevel> armed(LevelSide side, Map<String, String> fields) {
        String levelText = fields.get(side.levelField());
        String indexText = fields.get(side.indexField());
        String legs = fields.get(side.legsField());
        if (levelText == null || indexText == null || legs == null) {
            return Optional.empty(); // the UI arms with several HSETs: wait for the last one
        }
        ArmedLevel previous = checkedArmings.get(side);
        if (previous != null && previous.levelText().equals(levelText) && previous.indexText().equals(indexText)
                && previous.legs().equals(legs)) {
            return Optional.of(previous);
        }
        Optional<String> problem = Optional.empty();
        BigDecimal level = null;
        try {
            level = new BigDecimal(levelText.strip());
            if (level.signum() <= 0) {
                problem = Optional.of(side.levelField() + " must be greater than 0, got " + levelText);
            }
        } catch (NumberFormatException e) {
            problem = Optional.of(side.levelField() + " must be a number, got '" + levelText + "'");
        }
        Optional<SpotIndex> index = SpotIndex.forUnderlying(indexText);
        if (problem.isEmpty() && index.isEmpty()) {
            problem = Optional.of(side.indexField() + " must be NIFTY or BANKNIFTY, got '" + indexText + "'");
        }
        if (problem.isEmpty()) {
            problem = dispatcher.checkLevelLegs(user, side, legs);
        }
        if (problem.isPresent()) {
            log.info("[{}] level {} refused at arming: {}", user.uid(), side, problem.get());
            store.failArming(user.uid(), side, levelText, indexText, legs, problem.get());
            return Optional.empty();
        }
        ArmedLevel armed = new ArmedLevel(user.uid(), side, index.get(), level, levelText, indexText, legs);
        checkedArmings.put(side, armed);
        store.forgetLevelOutcome(user.uid(), side);
        return Optional.of(armed);
    }

    private void serve(ClaimedRequest request) {
        busy = true;
        try {
            audit.record(user.uid(), "claimed", request.id().value(), Map.of("type", request.type().name(),
                    "payload", request.payload().orElse("")));
            Map<String, String> answer = dispatcher.serve(user, request);
            writeAnswer(request.type(), request.id(), answer);
        } finally {
            busy = false;
        }
    }

    /** Writes the answer, waiting out a Redis outage; superseded answers only reach the audit. */
    private void writeAnswer(RequestType type, CommandId id, Map<String, String> answer) {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                boolean written = store.finish(user.uid(), type, id, answer);
                metrics.requestServed(type.name(), Answers.outcomeLabel(type, answer));
                Map<String, String> details = new java.util.LinkedHashMap<>(Dispatcher.auditDetails(type, answer));
                details.put("written", written ? "yes" : "no: superseded by a newer request");
                audit.record(user.uid(), "answer", id.value(), details);
                if (!written) {
                    log.info("[{}] answer of {} {} not shown: a newer request replaced it", user.uid(), type, id);
                }
                return;
            } catch (RuntimeException e) {
                if (stopping && backoff.compareTo(MAX_BACKOFF) >= 0) {
                    log.error("[{}] answer of {} {} not written before shutdown ({}); it will be settled from the "
                            + "in-flight record on the next start", user.uid(), type, id, e.toString());
                    return;
                }
                log.warn("[{}] answer of {} {} not written yet: {}", user.uid(), type, id, e.toString());
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    /**
     * Settles in-flight records whose agent is gone (this user's requests of a crashed or killed
     * agent), at start and then once per lease period.
     */
    private void reconcileIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextReconcile)) {
            return;
        }
        nextReconcile = now.plus(lease.ttl());
        for (Map.Entry<String, String> stored : store.inFlight(user.uid()).entrySet()) {
            InFlightRecord record;
            try {
                record = InFlightRecord.parse(stored.getKey(), stored.getValue());
            } catch (IllegalArgumentException e) {
                log.error("[{}] dropping unreadable in-flight record {}", user.uid(), stored.getKey());
                store.dropInFlight(user.uid(), stored.getKey());
                continue;
            }
            if (lease.isAlive(record.agent())) {
                continue;
            }
            settle(record);
        }
    }

    private void settle(InFlightRecord record) {
        CommandId id = new CommandId(record.id());
        ClaimedRequest request = ClaimedRequest.recovered(user.uid(), record.type(), id, clock.instant());
        Map<String, String> answer;
        if (!record.type().placesOrders()) {
            answer = Answers.denied(request, "the agent stopped while serving this request; please ask again",
                    clock.instant());
        } else {
            Reconciler.Settlement settlement = reconciler.settle(user.uid(), record, user.broker());
            Answers.OrderAnswer outcome;
            if (settlement.unknownReason().isPresent()) {
                outcome = new Answers.OrderAnswer(Outcome.UNKNOWN, settlement.unknownReason().get(), settlement.results());
            } else if (settlement.nothingSent()) {
                outcome = new Answers.OrderAnswer(Outcome.REJECTED, "not placed: the agent stopped before any order "
                        + "of this request reached the broker (none tagged " + record.id() + "L… in the order book)",
                        List.of());
            } else {
                outcome = Dispatcher.summarise(record.type(), settlement.results());
            }
            answer = Answers.forOrders(request, outcome, clock.instant());
        }
        log.info("[{}] settled {} {} left by agent {}", user.uid(), record.type(), record.id(), record.agent());
        audit.record(user.uid(), "reconciled", record.id(), Map.of("type", record.type().name(),
                "previous_agent", record.agent()));
        writeAnswer(record.type(), id, answer);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
