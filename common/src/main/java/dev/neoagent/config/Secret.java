package dev.neoagent.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (consumer key, MPIN, TOTP seed). Wrapping it means it can be passed around, put in records and
 * logged by accident without leaking: {@link #toString()} is always {@code ****}. Code that really needs the value
 * has to call {@link #reveal()}, which is easy to spot in review.
 */
public final class Secret {

    private static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** @throws NullPointerException if {@code value} is null - "no secret" is {@code Optional<Secret>}, not null. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret value must not be null"));
    }

    /** The real value. Never log it or put it in an exception message. */
    public String reveal() {
        return value;
    }

    /** Always {@code ****}: not even the length or a prefix, both of which help a guesser. */
    @Override
    public String toString() {
        return MASK;
    }

    /** Constant-time comparison, so equality checks do not leak how many leading characters matched. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
