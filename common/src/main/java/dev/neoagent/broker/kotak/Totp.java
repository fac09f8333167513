package dev.neoagent.broker.kotak;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.neoagent.config.Secret;
import java.security.InvalidKeyException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords, the way Kotak's Trade API expects them: HMAC-SHA1,
 * 30-second steps, 6 digits, from the base32 secret shown when TOTP was registered.
 */
public final class Totp {
    private final TimeBasedOneTimePasswordGenerator generator;
    private final Key key;

    private Totp(byte[] keyBytes, int digits) {
        this.generator = new TimeBasedOneTimePasswordGenerator(
                Duration.ofSeconds(30), digits, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        this.key = new SecretKeySpec(keyBytes, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    /** Kotak's flavour: 6 digits from a base32 secret. */
    public static Totp fromBase32(Secret base32Secret) {
        return new Totp(Base32.decode(base32Secret.reveal()), 6);
    }

    /** For the RFC 6238 test vectors, which use a raw ASCII key and 8 digits. */
    static Totp fromRawKey(byte[] key, int digits) {
        return new Totp(key, digits);
    }

    /** The zero-padded code valid at {@code time}. */
    public String codeAt(Instant time) {
        try {
            int code = generator.generateOneTimePassword(key, time);
            return String.format("%0" + generator.getPasswordLength() + "d", code);
        } catch (InvalidKeyException e) {
            // HMAC-SHA1 accepts keys of any length, so this cannot happen with a SecretKeySpec.
            throw new IllegalStateException("TOTP key rejected by HMAC-SHA1", e);
        }
    }
}
