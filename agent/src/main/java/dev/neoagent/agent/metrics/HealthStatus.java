package dev.neoagent.agent.metrics;

/** The overall state {@code /health} reports, and the HTTP status it answers with. */
public enum HealthStatus {
    /** Everything checked is fine. HTTP 200. */
    UP(200),
    /**
     * The agent serves requests but something needs a look: a stale or missing spot during market hours, a user
     * without a session during market hours, a failed login. HTTP 200, so an orchestrator does not restart an
     * agent that restarting would not help; the {@code reasons} say what is wrong.
     */
    DEGRADED(200),
    /** The agent cannot serve anything: Redis is unreachable. HTTP 503. */
    DOWN(503);

    private final int httpStatus;

    HealthStatus(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
