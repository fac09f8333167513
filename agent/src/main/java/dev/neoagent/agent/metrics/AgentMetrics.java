package dev.neoagent.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's metrics, in one place, over a Micrometer {@link PrometheusMeterRegistry}. The agent core calls the
 * small methods below; {@link #scrape()} renders everything in the Prometheus text format for {@code /metrics}.
 *
 * <table>
 *   <caption>Metrics (Prometheus names)</caption>
 *   <tr><th>name</th><th>type</th><th>labels</th><th>fed by</th></tr>
 *   <tr><td>{@code neo_requests_total}</td><td>counter</td><td>type, outcome</td><td>{@link #requestServed}</td></tr>
 *   <tr><td>{@code neo_broker_call_seconds}</td><td>histogram (+ {@code _max})</td><td>call, result</td>
 *       <td>{@link #brokerCall}</td></tr>
 *   <tr><td>{@code neo_logins_total}</td><td>counter</td><td>uid, result ({@code ok}|{@code failed})</td>
 *       <td>{@link #login}</td></tr>
 *   <tr><td>{@code neo_relogins_total}</td><td>counter</td><td>uid</td><td>{@link #registerRelogins}</td></tr>
 *   <tr><td>{@code neo_rate_limit_waits_total}</td><td>counter, read at scrape</td><td>uid</td>
 *       <td>{@link #registerRateLimitWaits}</td></tr>
 *   <tr><td>{@code neo_inflight_requests}</td><td>gauge, read at scrape</td><td>none</td>
 *       <td>{@link #registerInFlight}</td></tr>
 *   <tr><td>{@code neo_users_owned}, {@code neo_agents_live}</td><td>gauges, read at scrape</td><td>none</td>
 *       <td>{@link #registerOwnership}</td></tr>
 *   <tr><td>{@code neo_spot_age_seconds}</td><td>gauge, read at scrape</td><td>index</td>
 *       <td>{@link #registerSpotAge}</td></tr>
 *   <tr><td>{@code neo_spot_source}</td><td>gauge, read at scrape: 1 for the live source, 0 for the other</td>
 *       <td>source ({@code feed}|{@code rest})</td><td>{@link #registerSpotSource}</td></tr>
 *   <tr><td>{@code neo_feed_ticks_total}</td><td>counter</td><td>feed</td><td>{@link #feedTick}</td></tr>
 *   <tr><td>{@code neo_feed_connected}</td><td>gauge: connections up now</td><td>feed ({@code market}|{@code order})
 *       </td><td>{@link #feedConnection}</td></tr>
 *   <tr><td>{@code neo_feed_reconnects_total}</td><td>counter</td><td>feed</td><td>{@link #feedReconnect}</td></tr>
 *   <tr><td>{@code neo_feed_malformed_total}</td><td>counter</td><td>feed, kind</td><td>{@link #feedMalformed}</td>
 *       </tr>
 *   <tr><td>{@code neo_order_events_total}</td><td>counter</td><td>status (contract §2.7)</td>
 *       <td>{@link #orderEvent}</td></tr>
 *   <tr><td>{@code neo_oi_signals_total}</td><td>counter</td><td>index, outcome</td><td>{@link #oiSignal}</td></tr>
 * </table>
 *
 * <p>plus the usual JVM and process meters ({@code jvm_*}, {@code process_*}, {@code system_*}).
 *
 * <p><b>Labels and cardinality.</b> Every series costs memory in the agent and in Prometheus, so labels only take
 * values from small fixed sets: request types and outcomes, broker call names and result kinds, the two indices,
 * and the user ids the agent was configured with (a handful, fixed at start; never a value read from a request).
 * Per-user labels are on logins, re-logins and rate-limit waits, where "which account" is the whole question; they
 * are deliberately not on requests or broker latency, where they would multiply the histogram's buckets by the
 * number of users. As a guard against a caller passing free text (an error message, an order number), a label
 * value that is longer than 64 characters or holds anything but letters, digits and {@code _ . : @ -} is recorded
 * as {@code other}; a null or blank one as {@code unknown}. User ids are not secrets (they are the Redis hash keys
 * the UI writes); nothing else about a user is ever a label.
 *
 * <p><b>Suppliers</b> given to the {@code register…} methods are called on the scrape thread each time
 * {@code /metrics} is read: they must be cheap and must not block (no Redis or broker call). One that throws is
 * read as "no value" (gauges: NaN; counters: the last value read). Registering again under the same labels
 * replaces the earlier supplier. This object keeps a strong reference to every supplier (Micrometer alone would
 * hold them weakly and a lambda could silently vanish).
 *
 * <p>Thread-safe. {@link #close()} releases the JVM listeners; scraping afterwards returns what was last known.
 */
public final class AgentMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentMetrics.class);

    /** Content type of {@link #scrape()}: the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    static final String REQUESTS = "neo.requests";
    static final String BROKER_CALL = "neo.broker.call";
    static final String LOGINS = "neo.logins";
    static final String RELOGINS = "neo.relogins";
    static final String RATE_LIMIT_WAITS = "neo.rate.limit.waits";
    static final String INFLIGHT = "neo.inflight.requests";
    static final String USERS_OWNED = "neo.users.owned";
    static final String AGENTS_LIVE = "neo.agents.live";
    static final String SPOT_AGE = "neo.spot.age";
    static final String SPOT_SOURCE = "neo.spot.source";
    static final String FEED_TICKS = "neo.feed.ticks";
    static final String FEED_CONNECTED = "neo.feed.connected";
    static final String FEED_RECONNECTS = "neo.feed.reconnects";
    static final String FEED_MALFORMED = "neo.feed.malformed";
    static final String ORDER_EVENTS = "neo.order.events";
    static final String OI_SIGNALS = "neo.oi.signals";

    /**
     * Histogram buckets of broker call latency: 1 ms to 10 s in a 1-2.5-5 series. Explicit buckets rather than
     * Micrometer's percentile histogram: 13 buckets per series instead of several dozen over the same range, and
     * each bucket a number an operator reads at a glance. Calls above 10 s (the read timeout is 10 s by default)
     * land in {@code +Inf}.
     */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private static final Pattern SAFE_LABEL = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    /** Meters registered from suppliers, by name and labels, so a second registration replaces the first. */
    private final Map<String, Registered> suppliers = new ConcurrentHashMap<>();
    /** Counters on hot paths (feed ticks, requests answered), looked up once per label set rather than per event. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** The same for broker calls, timed on every order. */
    private final Map<String, Timer> brokerCallTimers = new ConcurrentHashMap<>();
    /** Connections up now, by feed. */
    private final Map<String, AtomicInteger> connected = new ConcurrentHashMap<>();

    /** A registry with the agent's meters and the JVM and process meters. */
    public AgentMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
    }

    /**
     * One request answered: {@code neo_requests_total{type, outcome}} + 1.
     *
     * @param requestType what was asked, e.g. {@code PLACE_SINGLE}, {@code LOGIN}, {@code BALANCE} (the request's
     *                    flag field or type name)
     * @param outcome     how it ended, e.g. {@code DONE}, {@code DENIED}, {@code REJECTED}, {@code UNKNOWN},
     *                    {@code FAILED}
     */
    public void requestServed(String requestType, String outcome) {
        counters.computeIfAbsent(
                        REQUESTS + "|" + requestType + "|" + outcome,
                        key -> Counter.builder(REQUESTS)
                                .description("Requests answered, by request type and outcome")
                                .tags("type", label(requestType), "outcome", label(outcome))
                                .register(registry))
                .increment();
    }

    /**
     * One call to the broker finished (or failed): records its latency in {@code neo_broker_call_seconds{call,
     * result}}.
     *
     * @param call    the broker operation, e.g. {@code placeOrder}, {@code orderBook}, {@code quotes}, {@code login}
     * @param latency from sending to the answer (or the failure), rate-limit wait excluded
     * @param result  a small fixed set, e.g. {@code ok}, {@code rejected}, {@code session_expired},
     *                {@code transient}, {@code outcome_unknown}, {@code auth_failed}, {@code ip_not_allowed}
     */
    public void brokerCall(String call, Duration latency, String result) {
        Objects.requireNonNull(latency, "latency");
        brokerCallTimers
                .computeIfAbsent(
                        call + "|" + result,
                        key -> Timer.builder(BROKER_CALL)
                                .description("Latency of calls to the broker, by call and result")
                                .tags("call", label(call), "result", label(result))
                                .serviceLevelObjectives(LATENCY_BUCKETS)
                                .register(registry))
                .record(latency);
    }

    /**
     * One login attempt (TOTP + MPIN), first or repeated: {@code neo_logins_total{uid, result="ok"|"failed"}} + 1.
     * A re-login after a session expiry counts here too, and also in {@link #registerRelogins}.
     */
    public void login(String uid, boolean ok) {
        Counter.builder(LOGINS)
                .description("Login attempts (TOTP + MPIN), by user and result")
                .tags("uid", label(uid), "result", ok ? "ok" : "failed")
                .register(registry)
                .increment();
    }

    /**
     * Exposes an account's re-logins after an expired session as {@code neo_relogins_total{uid}}, read from the
     * broker adapter's own count (e.g. {@code KotakNeoAdapter::reloginCount}) at each scrape. Must only ever grow.
     */
    public void registerRelogins(String uid, LongSupplier relogins) {
        Objects.requireNonNull(relogins, "relogins");
        String uidLabel = label(uid);
        SafeCounterValue value = new SafeCounterValue(relogins, RELOGINS + "{uid=" + uidLabel + "}");
        replace(
                RELOGINS + "|" + uidLabel,
                value,
                () -> FunctionCounter.builder(RELOGINS, value, SafeCounterValue::read)
                        .description("Re-logins after the broker reported an expired session, by user")
                        .tags("uid", uidLabel)
                        .register(registry));
    }

    /**
     * Exposes an account's rate-limiter wait count as {@code neo_rate_limit_waits_total{uid}}: how many broker
     * requests had to wait for a permit (e.g. {@code BrokerStats::rateLimitWaits}). The supplier must only ever grow.
     */
    public void registerRateLimitWaits(String uid, LongSupplier waits) {
        Objects.requireNonNull(waits, "waits");
        String uidLabel = label(uid);
        SafeCounterValue value = new SafeCounterValue(waits, RATE_LIMIT_WAITS + "{uid=" + uidLabel + "}");
        replace(
                RATE_LIMIT_WAITS + "|" + uidLabel,
                value,
                () -> FunctionCounter.builder(RATE_LIMIT_WAITS, value, SafeCounterValue::read)
                        .description("Broker requests that waited for a rate-limit permit, by user")
                        .tags("uid", uidLabel)
                        .register(registry));
    }

    /** Exposes the number of requests being worked on right now as {@code neo_inflight_requests}. */
    public void registerInFlight(IntSupplier inFlight) {
        Objects.requireNonNull(inFlight, "inFlight");
        countGauge(INFLIGHT, "Requests claimed and not yet answered", inFlight);
    }

    /**
     * Exposes how many users this agent owns ({@code neo_users_owned}) and how many agents share them
     * ({@code neo_agents_live}, this one included), as of the last ownership round.
     */
    public void registerOwnership(IntSupplier usersOwned, IntSupplier agentsLive) {
        countGauge(USERS_OWNED, "Users this agent owns (NEO_OWNER): it alone serves them", usersOwned);
        countGauge(AGENTS_LIVE, "Agents with a live lease on this Redis, this one included", agentsLive);
    }

    /** A gauge without labels read at scrape, replacing an earlier registration of the same name. */
    private void countGauge(String name, String description, IntSupplier count) {
        SafeGaugeValue value = new SafeGaugeValue(count::getAsInt, name);
        replace(
                name,
                value,
                () -> Gauge.builder(name, value, SafeGaugeValue::read)
                        .description(description)
                        .strongReference(true)
                        .register(registry));
    }

    /**
     * Exposes how old an index's spot value is as {@code neo_spot_age_seconds{index}} (NaN while there is none).
     *
     * @param index {@code NIFTY} or {@code BANKNIFTY}
     * @param age   now minus the quote time behind the value ({@code *_SPOT_TS}), empty when there is no value
     */
    public void registerSpotAge(String index, Supplier<Optional<Duration>> age) {
        Objects.requireNonNull(age, "age");
        String indexLabel = label(index);
        SafeGaugeValue value = new SafeGaugeValue(
                () -> age.get().map(d -> d.toNanos() / 1e9).orElse(Double.NaN),
                SPOT_AGE + "{index=" + indexLabel + "}");
        replace(
                SPOT_AGE + "|" + indexLabel,
                value,
                () -> Gauge.builder(SPOT_AGE, value, SafeGaugeValue::read)
                        .description("Age of the index spot value (now minus its quote time); NaN when there is none")
                        .baseUnit("seconds")
                        .tags("index", indexLabel)
                        .strongReference(true)
                        .register(registry));
    }

    /**
     * Exposes which source the spot values come from now as {@code neo_spot_source{source}}: 1 for the live one
     * ({@code feed} or {@code rest}), 0 for the other; both 0 when neither is live.
     */
    public void registerSpotSource(Supplier<Optional<String>> source) {
        Objects.requireNonNull(source, "source");
        for (String name : new String[] {"feed", "rest"}) {
            SafeGaugeValue value = new SafeGaugeValue(
                    () -> source.get().filter(name::equals).isPresent() ? 1 : 0, SPOT_SOURCE + "{source=" + name + "}");
            replace(
                    SPOT_SOURCE + "|" + name,
                    value,
                    () -> Gauge.builder(SPOT_SOURCE, value, SafeGaugeValue::read)
                            .description("Where the index spot values come from now: 1 for the live source")
                            .tags("source", name)
                            .strongReference(true)
                            .register(registry));
        }
    }

    /** One message with data arrived on a feed: {@code neo_feed_ticks_total{feed}} + 1. Cheap: a cached counter. */
    public void feedTick(String feed) {
        counter(FEED_TICKS, "Data messages received on a broker feed", "feed", feed)
                .increment();
    }

    /**
     * A feed connection went up or down: {@code neo_feed_connected{feed}} counts the connections up now. Callers
     * report transitions only (up after down, down after up).
     */
    public void feedConnection(String feed, boolean up) {
        String feedLabel = label(feed);
        AtomicInteger count = connected.computeIfAbsent(feedLabel, f -> {
            AtomicInteger created = new AtomicInteger();
            Gauge.builder(FEED_CONNECTED, created, AtomicInteger::get)
                    .description("Broker feed connections that are up")
                    .tags("feed", f)
                    .strongReference(true)
                    .register(registry);
            return created;
        });
        count.updateAndGet(n -> up ? n + 1 : Math.max(0, n - 1));
    }

    /** A feed connection was opened again after it was lost: {@code neo_feed_reconnects_total{feed}} + 1. */
    public void feedReconnect(String feed) {
        counter(FEED_RECONNECTS, "Broker feed connections re-opened after a drop or a stall", "feed", feed)
                .increment();
    }

    /**
     * A feed sent something that could not be read and was skipped: {@code neo_feed_malformed_total{feed, kind}} + 1.
     *
     * @param kind a short fixed token naming the problem, e.g. {@code truncated}, {@code unknown_code},
     *             {@code bad_length}, {@code not_json}
     */
    public void feedMalformed(String feed, String kind) {
        Counter.builder(FEED_MALFORMED)
                .description("Feed messages skipped because they could not be read, by feed and kind")
                .tags("feed", label(feed), "kind", label(kind))
                .register(registry)
                .increment();
    }

    /** An order changed state (contract §2.7): {@code neo_order_events_total{status}} + 1. */
    public void orderEvent(String status) {
        counter(ORDER_EVENTS, "Order state changes written to NEO_ORDERS, by the new status", "status", status)
                .increment();
    }

    /**
     * One OI crossover trade of one user ended: {@code neo_oi_signals_total{index, outcome}} + 1.
     *
     * @param outcome {@code traded}, {@code ignored}, {@code failed}, {@code unknown}, {@code stale},
     *                {@code no_spot}, {@code market_closed}, {@code halted}, {@code denied}, {@code bad_signal}
     */
    public void oiSignal(String index, String outcome) {
        Counter.builder(OI_SIGNALS)
                .description("OI crossover trades per user, by index and outcome")
                .tags("index", label(index), "outcome", label(outcome))
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        String tagValue = label(value);
        return counters.computeIfAbsent(
                name + "|" + tagValue,
                k -> Counter.builder(name)
                        .description(description)
                        .tags(tag, tagValue)
                        .register(registry));
    }

    /** Every meter in the Prometheus text exposition format, version 0.0.4 ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** The underlying registry, to bind further meters; prefer the methods above for the agent's own. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gcMetrics.close();
    }

    /**
     * The label value to record for {@code value}: itself when it is a short token, {@code other} for free text,
     * {@code unknown} for null or blank (see the class documentation).
     */
    static String label(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        String stripped = value.strip();
        return SAFE_LABEL.matcher(stripped).matches() ? stripped : "other";
    }

    private void replace(String key, Object value, Supplier<Meter> register) {
        suppliers.compute(key, (k, previous) -> {
            if (previous != null) {
                registry.remove(previous.meter());
            }
            return new Registered(register.get(), value);
        });
    }

    /** A meter registered from a supplier, and the object holding that supplier, kept strongly reachable. */
    private record Registered(Meter meter, Object value) {}

    /** A gauge's supplier: NaN instead of an exception. */
    private static final class SafeGaugeValue {
        private final DoubleSupplier supplier;
        private final String what;
        private volatile boolean failing;

        SafeGaugeValue(DoubleSupplier supplier, String what) {
            this.supplier = supplier;
            this.what = what;
        }

        double read() {
            try {
                double value = supplier.getAsDouble();
                failing = false;
                return value;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    log.warn(
                            "metric {} could not be read ({}); reported as NaN",
                            what,
                            e.getClass().getSimpleName());
                }
                return Double.NaN;
            }
        }
    }

    /** A counter's supplier: the last good value instead of an exception. */
    private static final class SafeCounterValue {
        private final LongSupplier supplier;
        private final String what;
        private volatile double last;
        private volatile boolean failing;

        SafeCounterValue(LongSupplier supplier, String what) {
            this.supplier = supplier;
            this.what = what;
        }

        double read() {
            try {
                last = supplier.getAsLong();
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    log.warn(
                            "metric {} could not be read ({}); last value kept",
                            what,
                            e.getClass().getSimpleName());
                }
            }
            return last;
        }
    }
}
