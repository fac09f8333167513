package dev.neoagent.contract;

import java.util.Locale;

/**
 * The two indices of the OI crossover engine (redis-contract.md §2.9; the existing UI's OI tab, ui-contract.md §2.2
 * and §6) and the names of everything about one of them: the global signal hash, the user's switch, lots, status and
 * answer fields, and the external order engine's request. NIFTY's fields have no prefix, BANKNIFTY's start with
 * {@code BN_}, as the UI spells them.
 */
public enum OiIndex {
    NIFTY("", "OI_NIFTY_LOTS", "NIFTY_OI_SIGNAL", RequestType.OI_CROSSOVER),
    BANKNIFTY("BN_", "OI_BANKNIFTY_LOTS", "BANKNIFTY_OI_SIGNAL", RequestType.BN_OI_CROSSOVER);

    /** {@code OI_ENGINE_ENABLED} value that turns the engine on; anything else is off. */
    public static final String ON = "ON";

    /** {@code OI_ENGINE_STATUS} values. */
    public static final String ENGINE_IDLE = "IDLE";

    public static final String ENGINE_RUNNING = "RUNNING";
    public static final String ENGINE_ERROR = "ERROR";

    /** {@code STATUS_OI_CROSSOVER} value of a signal in the direction of the open position. */
    public static final String STATUS_IGNORED = "IGNORED";

    /** Fields of the signal hash. */
    public static final String SIGNAL_SIGNAL = "signal";

    public static final String SIGNAL_PE_CE = "pe_ce";
    public static final String SIGNAL_TS = "ts";
    public static final String SIGNAL_STATUS = "status";

    /** Signal {@code status} values. */
    public static final String SIGNAL_NEW = "NEW";

    public static final String SIGNAL_NOTIFIED = "NOTIFIED";
    public static final String SIGNAL_CONSUMED = "CONSUMED";
    public static final String SIGNAL_FAILED = "FAILED";
    public static final String SIGNAL_FAILED_NO_SPOT = "FAILED_NO_SPOT";
    public static final String SIGNAL_FAILED_STALE = "FAILED_STALE";

    /** Directions a signal gives. */
    public static final String BULLISH = "BULLISH";

    public static final String BEARISH = "BEARISH";

    private final String prefix;
    private final String lotsField;
    private final String signalKey;
    private final RequestType request;

    OiIndex(String prefix, String lotsField, String signalKey, RequestType request) {
        this.prefix = prefix;
        this.lotsField = lotsField;
        this.signalKey = signalKey;
        this.request = request;
    }

    /** {@code NIFTY} / {@code BANKNIFTY}: the underlying's name in legs and the instrument master. */
    public String underlying() {
        return name();
    }

    /** The global signal hash the signal engine writes: {@code NIFTY_OI_SIGNAL}. */
    public String signalKey() {
        return signalKey;
    }

    /** {@code OI_ENGINE_ENABLED} / {@code BN_OI_ENGINE_ENABLED}: {@code ON} or {@code OFF}. */
    public String enabledField() {
        return prefix + "OI_ENGINE_ENABLED";
    }

    /** {@code OI_NIFTY_LOTS} / {@code OI_BANKNIFTY_LOTS}: whole lots per order, default 1. */
    public String lotsField() {
        return lotsField;
    }

    /** {@code OI_ENGINE_STATUS}: IDLE, RUNNING or ERROR. */
    public String engineStatusField() {
        return prefix + "OI_ENGINE_STATUS";
    }

    /** {@code OI_ENGINE_LAST_SIGNAL}: the signal hash as JSON, always valid JSON (the UI parses it). */
    public String lastSignalField() {
        return prefix + "OI_ENGINE_LAST_SIGNAL";
    }

    /** {@code OI_ENGINE_LAST_ORDER}: the order payload as JSON, always valid JSON. */
    public String lastOrderField() {
        return prefix + "OI_ENGINE_LAST_ORDER";
    }

    /** The request type answering in {@code STATUS_OI_CROSSOVER} / {@code MSG_OI_CROSSOVER}. */
    public RequestType request() {
        return request;
    }

    /** {@code NEO_OI_POSITION:<UID>}: field = index, value = the open position's JSON. */
    public static String positionKey(String uid) {
        return "NEO_OI_POSITION:" + uid;
    }

    /** {@code NEO_OI_CLAIMS:<UID>}: field = {@code <INDEX>|<signal ts>}, value = the command id that traded it. */
    public static String claimsKey(String uid) {
        return "NEO_OI_CLAIMS:" + uid;
    }

    /** The claim field of one signal of this index. */
    public String claimField(String signalTs) {
        return name() + "|" + signalTs;
    }

    /** The index a request or signal names, case and blanks ignored. */
    public static java.util.Optional<OiIndex> of(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        for (OiIndex index : values()) {
            if (index.name().equals(upper)) {
                return java.util.Optional.of(index);
            }
        }
        return java.util.Optional.empty();
    }
}
