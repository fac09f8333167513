package dev.neoagent.testing;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 TOTP as Kotak uses it: HMAC-SHA1, 30 s steps, 6 digits. */
final class Totp {
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

    private Totp() {}

    static String at(byte[] secret, Instant time) {
        try {
            return GENERATOR.generateOneTimePasswordString(new SecretKeySpec(secret, GENERATOR.getAlgorithm()), time);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP secret rejected by HMAC", e);
        }
    }

    /**
     * Accepts the previous, current and next 30 s window, like real servers do to absorb clock
     * skew; a client whose clock is off by more than that must fail here too.
     */
    static boolean matches(byte[] secret, String code, Instant now) {
        if (code == null) {
            return false;
        }
        var step = GENERATOR.getTimeStep();
        for (int window = -1; window <= 1; window++) {
            if (at(secret, now.plus(step.multipliedBy(window))).equals(code)) {
                return true;
            }
        }
        return false;
    }
}
