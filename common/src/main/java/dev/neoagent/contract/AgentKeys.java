package dev.neoagent.contract;

import java.util.List;

/**
 * Keys the agent keeps for itself (redis-contract.md §3), next to the user's own hash {@code <uid>}, and the kill
 * switches (§2.10).
 */
public final class AgentKeys {
    /** Global kill switch: {@code 1} denies every new order request of every user. */
    public static final String GLOBAL_HALT = "NEO_HALT";
    /** Field of the user hash: {@code 1} denies every new order request of that user. */
    public static final String USER_HALT_FIELD = "TRADING_HALTED";

    /** {@code NEO_AGENT:<instance>}: a running agent's liveness lease (value: its pid), renewed while it runs. */
    public static final String AGENT_LEASE_PREFIX = "NEO_AGENT:";

    /**
     * Hash marking a Redis the demo ran on (fields {@code DEMO_*}): it holds a paper master and the demo user, so
     * {@code neo-agent run} refuses to trade real accounts on it unless told to.
     */
    public static final String DEMO = "NEO_DEMO";

    public static final String DEMO_STARTED_AT = "started_at";
    public static final String DEMO_PID = "pid";
    public static final String DEMO_HOST = "host";
    public static final String DEMO_HOME = "home";
    /** The agent instance ({@code NEO_AGENT:<id>}) the demo runs; its lease says whether the demo is alive. */
    public static final String DEMO_AGENT = "agent";

    /** Every global key of the contract starts with one of these; a user hash's key never should. */
    public static final List<String> GLOBAL_KEY_PREFIXES = List.of("NEO_", "XTS_");

    private static final String AUDIT_PREFIX = "NEO_AUDIT:";

    private AgentKeys() {}

    public static String agentLease(String instanceId) {
        return AGENT_LEASE_PREFIX + instanceId;
    }

    /** Capped stream: one entry per claimed request, broker call and answer. */
    public static String audit(String uid) {
        return AUDIT_PREFIX + uid;
    }

    /** The user of an audit stream's key, or null when {@code key} is not one. */
    public static String auditUser(String key) {
        return key.startsWith(AUDIT_PREFIX) ? key.substring(AUDIT_PREFIX.length()) : null;
    }

    /** Hash: command id → in-flight record (payload, orders sent and their tags). */
    public static String inFlight(String uid) {
        return "NEO_INFLIGHT:" + uid;
    }

    /** Hash: level side → outcome of its last firing, so a cancel that comes too late can be answered. */
    public static String levelDone(String uid) {
        return "NEO_LEVEL_DONE:" + uid;
    }

    /** Hash: request flag field → id of the command that currently owns it. */
    public static String claims(String uid) {
        return "NEO_CLAIMS:" + uid;
    }

    /**
     * {@code NEO_OWNER:<uid>}: the instance id of the one agent serving the user (contract §3). It holds while that
     * agent's lease {@code NEO_AGENT:<id>} lives: renewing the agent's lease renews every user it owns, one command
     * per agent instead of one per user. Only the owner claims the user's requests, logs in and holds the feeds.
     */
    public static String owner(String uid) {
        return OWNER_PREFIX + uid;
    }

    public static final String OWNER_PREFIX = "NEO_OWNER:";

    /** Sorted set of running agents (score: lease expiry, Redis time in ms): how agents find each other. */
    public static final String AGENTS = "NEO_AGENTS";

    /**
     * {@code NEO_OWNER_WANTS:<instance>}: the users (comma list) an agent under its fair share asks their owners to
     * hand over; it expires with the agent's lease.
     */
    public static String ownerWants(String instanceId) {
        return "NEO_OWNER_WANTS:" + instanceId;
    }
}
