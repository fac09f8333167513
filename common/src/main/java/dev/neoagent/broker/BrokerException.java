package dev.neoagent.broker;

import java.util.Optional;

/**
 * Everything a broker call can fail with, one type per thing the caller must do differently.
 * Messages hold the broker's own code and text, never a credential or token.
 */
public abstract sealed class BrokerException extends RuntimeException {

    protected BrokerException(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** The trading session is gone: log in again once, then repeat the call once. */
    public static final class SessionExpired extends BrokerException {
        public SessionExpired(String message) {
            super(message, null);
        }
    }

    /** Login itself was refused (wrong MPIN, wrong TOTP secret, unknown user): a person must act. */
    public static final class AuthFailed extends BrokerException {
        public enum Step {
            TOTP_LOGIN,
            MPIN_VALIDATE
        }

        private final Step step;

        public AuthFailed(Step step, String message) {
            super(message, null);
            this.step = step;
        }

        public Step step() {
            return step;
        }
    }

    /**
     * The order API refused the request's origin (static-IP rule): logging in again will not help
     * unless it happens from the whitelisted address. Stop and tell the user.
     */
    public static final class IpNotAllowed extends BrokerException {
        private final int code;

        public IpNotAllowed(int code, String message) {
            super(message, null);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A definitive refusal of this request (RMS, bad symbol, bad quantity ...). Final. */
    public static final class Rejected extends BrokerException {
        private final Integer code;
        private final String brokerMessage;

        public Rejected(Integer code, String brokerMessage) {
            super(describe(code, brokerMessage), null);
            this.code = code;
            this.brokerMessage = brokerMessage;
        }

        public Optional<Integer> code() {
            return Optional.ofNullable(code);
        }

        public String brokerMessage() {
            return brokerMessage;
        }

        private static String describe(Integer code, String text) {
            return "broker rejected the request" + (code == null ? "" : " (code " + code + ")") + ": " + text;
        }
    }

    /**
     * The broker did not act on the request (rate limit, its own internal error, network failure
     * before the request went out). A read may be retried; an order is never retried automatically.
     */
    public static final class Transient extends BrokerException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * An order mutation may or may not have reached the broker (timeout, dropped connection,
     * unreadable answer after sending). Settle it by reading the order book by tag, never by resending.
     */
    public static final class OutcomeUnknown extends BrokerException {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The broker answered with something we cannot read as the documented shape. Retrying will not help. */
    public static final class UnexpectedResponse extends BrokerException {
        public UnexpectedResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
