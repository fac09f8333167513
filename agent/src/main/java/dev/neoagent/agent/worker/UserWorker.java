package dev.neoagent.agent.worker;

import dev.neoagent.agent.answer.Answers;
import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.level.ArmedLevel;
import dev.neoagent.agent.level.LevelArming;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.oi.OiEngine;
import dev.neoagent.agent.order.InFlightRecord;
import dev.neoagent.agent.reconcile.Reconciler;
import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.agent.redis.ReplicaGuard;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.RequestType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one user, serially, on its own virtual thread: one user's slow broker call never delays
 * another user. It only loops: wakes on a keyspace notification for the user's hash, a level crossing
 * or, as a safety net, every sweep interval; claims each pending request atomically and has the
 * dispatcher serve it; writes the answer, retrying that write while Redis is away so an answer is never
 * lost; lets {@link LevelArming} look at the level orders; and has the reconciler settle what a stopped
 * agent left.
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
    private final ReplicaGuard replicas;
    /**
     * How long an idle worker waits before looking by itself: requests wake it (keyspace notifications, and the
     * agent's safety sweep when one is lost), not a timer.
     */
    private final Duration idleWait;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    /**
     * An idle worker's longest wait: the safety sweep wakes it for anything to do (a request, an armed level, an OI
     * engine on), and gaining the user wakes it to settle what the previous owner left, so this is a last resort.
     */
    public static final Duration IDLE_WAIT = Duration.ofMinutes(5);

    private final Semaphore wake = new Semaphore(0);
    private final LevelArming arming;
    private final OiEngine oi;
    /** The user's hash changed (keyspace notification): the user may have switched the OI engine off. */
    private final java.util.concurrent.atomic.AtomicBoolean hashChanged =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** A signal hash changed: the OI engine looks at once instead of at its next sweep. */
    private final java.util.concurrent.atomic.AtomicBoolean signalChanged =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final AgentMetrics metrics;
    private final ConcurrentLinkedQueue<ArmedLevel> crossings = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private volatile boolean busy;
    /** Whether this agent owns the user (NEO_OWNER): only the owner claims, fires levels and settles. */
    private volatile boolean owned;
    /** Set when ownership is gained: settle what the previous owner left before serving anything new. */
    private volatile boolean settleFirst = true;

    private boolean redisFailing;
    /** {@link System#nanoTime()} of the next settling pass: scheduling, not a timestamp. */
    private long nextReconcile = System.nanoTime();
    /** Another live agent still has an in-flight record of this user: claim nothing until it is gone. */
    private volatile boolean waitingForPreviousOwner;

    private static final Duration WAIT_FOR_PREVIOUS_OWNER = Duration.ofMillis(250);

    public UserWorker(
            UserContext user,
            RequestStore store,
            Dispatcher dispatcher,
            AuditLog audit,
            AgentLease lease,
            LevelArming arming,
            OiEngine oi,
            AgentMetrics metrics,
            Clock clock,
            Duration idleWait,
            ReplicaGuard replicas) {
        this.replicas = replicas;
        this.arming = arming;
        this.oi = oi;
        this.metrics = metrics;
        this.user = user;
        this.store = store;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.lease = lease;
        this.clock = clock;
        this.idleWait = idleWait;
    }

    public String uid() {
        return user.uid();
    }

    /** Called on a keyspace notification for this user's hash. */
    public void wake() {
        hashChanged.set(true);
        wake.release();
    }

    /** The agent's safety sweep found something for this user (a request, an armed level, an engine on). */
    public void sweepFound() {
        wake.release();
    }

    /** The level engine saw this user's level cross: fire it on this worker, next. */
    public void fireLevel(ArmedLevel level, BigDecimal spot) {
        crossings.add(level);
        wake.release();
    }

    /** An OI signal hash changed (keyspace notification): look at it now. */
    public void oiSignalChanged() {
        signalChanged.set(true);
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

    /** This agent owns the user now: settle what the previous owner left, then serve. */
    public void ownershipGained() {
        settleFirst = true;
        owned = true;
        wake.release();
    }

    /** Another agent owns the user now: stop claiming (a request being served is finished) and watching levels. */
    public void ownershipLost() {
        owned = false;
        crossings.clear();
        wake.release();
    }

    @Override
    public void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopping) {
            try {
                if (!owned) {
                    crossings.clear(); // the owner's level engine fires them
                    arming.forget();
                } else if (reconcileIfDue()) {
                    serveAll();
                }
                if (redisFailing) {
                    log.info("[{}] Redis reachable again", user.uid());
                    redisFailing = false;
                }
                backoff = FIRST_BACKOFF;
            } catch (RuntimeException e) {
                if (!redisFailing) {
                    log.warn("[{}] cannot serve requests: {}", user.uid(), e.toString(), e);
                    redisFailing = true;
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
            try {
                Duration wait = redisFailing ? backoff : waitingForPreviousOwner ? WAIT_FOR_PREVIOUS_OWNER : idleWait;
                wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
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
            // the claim below sees every write made before this point: wake-ups so far (the answers and records this
            // worker wrote itself among them) need no look of their own
            wake.drainPermits();
            Optional<ClaimedRequest> claimed =
                    store.claimNext(user.uid(), CommandId.next(now), now, lease.instanceId());
            if (claimed.isEmpty()) {
                break;
            }
            serve(claimed.get());
        }
        if (!stopping) {
            for (LevelSide side : arming.refresh()) {
                fire(side, "", "", true);
            }
            // a signal: look now; the user's hash changed: look now only if the engine may be on (to see it
            // switched off at once; switching it on is found by the sweep); otherwise at the engine's own pace
            boolean userHash = hashChanged.getAndSet(false);
            boolean look = signalChanged.getAndSet(false) || (userHash && !oi.knownOff());
            for (ClaimedRequest signal : oi.refresh(look)) {
                serve(signal);
            }
        }
    }

    private void fire(LevelSide side, String levelText, String indexText, boolean byPlaceFlag) {
        Instant now = clock.instant();
        store.fireLevel(
                        user.uid(),
                        side,
                        CommandId.next(now),
                        now,
                        lease.instanceId(),
                        levelText,
                        indexText,
                        byPlaceFlag)
                .ifPresent(this::serve);
    }

    private void serve(ClaimedRequest request) {
        long claimedAt = System.nanoTime(); // just after the claim script answered
        busy = true;
        try {
            audit.record(
                    user.uid(),
                    "claimed",
                    request.id().value(),
                    Map.of(
                            "type",
                            request.type().name(),
                            "payload",
                            request.payload().orElse("")));
            Map<String, String> answer = claimSurvivesFailover(request)
                    ? AgentLease.serving(claimedAt, () -> dispatcher.serve(user, request))
                    : Answers.denied(
                            request,
                            "not sent: Redis did not confirm the request on a replica within "
                                    + ReplicaGuard.TIMEOUT.toMillis()
                                    + " ms (is a failover under way?); nothing was sent, send it again",
                            clock.instant());
            writeAnswer(request.type(), request.id(), answer);
        } finally {
            busy = false;
        }
    }

    /**
     * A request that may send orders waits for its claim to reach a replica, so a failover cannot bring it back as
     * requested after it was sent ({@link ReplicaGuard}). Others go at once.
     */
    private boolean claimSurvivesFailover(ClaimedRequest request) {
        RequestType type = request.type();
        boolean sends = type.placesOrders() || type == RequestType.MODIFY_ORDER || type == RequestType.CANCEL_ORDER;
        if (!sends || replicas.claimReplicated()) {
            return true;
        }
        log.warn("[{}] {} {} refused: no replica confirmed its claim", user.uid(), type, request.id());
        return false;
    }

    /** Writes the answer, waiting out a Redis outage; superseded answers only reach the audit. */
    private void writeAnswer(RequestType type, CommandId id, Map<String, String> answer) {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                boolean written = store.finish(user.uid(), type, id, answer);
                metrics.requestServed(type.name(), Answers.outcomeLabel(type, answer));
                Map<String, String> details = new java.util.LinkedHashMap<>(Answers.auditDetails(type, answer));
                details.put("written", written ? "yes" : "no: superseded by a newer request");
                audit.record(user.uid(), "answer", id.value(), details);
                if (!written) {
                    log.info("[{}] answer of {} {} not shown: a newer request replaced it", user.uid(), type, id);
                }
                return;
            } catch (RuntimeException e) {
                if (stopping && backoff.compareTo(MAX_BACKOFF) >= 0) {
                    log.error(
                            "[{}] answer of {} {} not written before shutdown ({}); it will be settled from the "
                                    + "in-flight record on the next start",
                            user.uid(),
                            type,
                            id,
                            e.toString());
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
     * agent), when ownership is gained and then once per lease period.
     *
     * @return whether new requests may be served: no live agent but this one has a request of the user in flight
     */
    private boolean reconcileIfDue() {
        long tick = System.nanoTime();
        if (settleFirst) {
            settleFirst = false;
            nextReconcile = tick;
        }
        if (tick - nextReconcile < 0) {
            return !waitingForPreviousOwner;
        }
        nextReconcile = tick + lease.ttl().toNanos();
        boolean wasWaiting = waitingForPreviousOwner;
        waitingForPreviousOwner = false;
        Instant now = clock.instant();
        for (Map.Entry<String, String> stored : store.inFlight(user.uid()).entrySet()) {
            InFlightRecord record;
            try {
                record = InFlightRecord.parse(stored.getKey(), stored.getValue());
            } catch (IllegalArgumentException e) {
                log.error("[{}] dropping unreadable in-flight record {}", user.uid(), stored.getKey());
                store.dropInFlight(user.uid(), stored.getKey());
                continue;
            }
            if (record.agent().equals(lease.instanceId())) {
                continue;
            }
            if (!lease.settleable(record.agent())) {
                // the previous owner is finishing a request it claimed (or its lease went missing only a moment
                // ago): nothing new is sent for this user until that request is answered, or settled here once the
                // agent has been gone for half a lease
                waitingForPreviousOwner = true;
                nextReconcile = tick + WAIT_FOR_PREVIOUS_OWNER.toNanos();
                continue;
            }
            settle(record);
        }
        if (waitingForPreviousOwner && !wasWaiting) {
            log.info("[{}] waiting for the previous owner to finish a request before serving new ones", user.uid());
        }
        return !waitingForPreviousOwner;
    }

    private void settle(InFlightRecord record) {
        Map<String, String> answer = reconciler.answer(user.uid(), record, user.broker(), clock.instant());
        log.info("[{}] settled {} {} left by agent {}", user.uid(), record.type(), record.id(), record.agent());
        audit.record(
                user.uid(),
                "reconciled",
                record.id(),
                Map.of("type", record.type().name(), "previous_agent", record.agent()));
        writeAnswer(record.type(), new CommandId(record.id()), answer);
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
