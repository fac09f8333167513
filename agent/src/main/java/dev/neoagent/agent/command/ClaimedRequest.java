package dev.neoagent.agent.command;

import dev.neoagent.contract.RequestType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request this agent now owns: its command id, the payload as it was at claim time, and what the
 * claim read in the same atomic step (kill switches, which instrument master is loaded).
 *
 * @param haltReason           why orders are halted for this user right now, if they are
 * @param instrumentsLoadedAt  {@code NEO_INSTR_INFO.loaded_at}; empty when unknown
 */
public record ClaimedRequest(
        String uid,
        RequestType type,
        CommandId id,
        Optional<String> payload,
        Instant claimedAt,
        Optional<String> haltReason,
        Optional<String> instrumentsLoadedAt) {
    public ClaimedRequest {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(haltReason, "haltReason");
        Objects.requireNonNull(instrumentsLoadedAt, "instrumentsLoadedAt");
    }

    /** A request re-created from an in-flight record, to answer it. */
    public static ClaimedRequest recovered(String uid, RequestType type, CommandId id, Instant now) {
        return new ClaimedRequest(uid, type, id, Optional.empty(), now, Optional.empty(), Optional.empty());
    }
}
