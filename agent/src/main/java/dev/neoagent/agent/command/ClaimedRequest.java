package dev.neoagent.agent.command;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A request this agent now owns: its command id, and the payload as it was at claim time. */
public record ClaimedRequest(String uid, RequestType type, CommandId id, Optional<String> payload, Instant claimedAt) {
    public ClaimedRequest {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }
}
