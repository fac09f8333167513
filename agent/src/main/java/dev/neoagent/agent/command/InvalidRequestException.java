package dev.neoagent.agent.command;

/**
 * A request that cannot be served as written. The message names the field and the problem and is
 * shown to the user as is; nothing has been sent to the broker.
 */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
