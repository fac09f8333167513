package dev.neoagent.agent.redis;

/**
 * Keys the agent keeps for itself (redis-contract.md §3), next to the user's own hash {@code <uid>}.
 */
public final class AgentKeys {
    /** Global kill switch: {@code 1} denies every new order request of every user. */
    public static final String GLOBAL_HALT = "NEO_HALT";
    /** Field of the user hash: {@code 1} denies every new order request of that user. */
    public static final String USER_HALT_FIELD = "TRADING_HALTED";

    private AgentKeys() {
    }

    /** Capped stream: one entry per claimed request, broker call and answer. */
    public static String audit(String uid) {
        return "NEO_AUDIT:" + uid;
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
}
