package dev.neoagent.broker.kotak;

import dev.neoagent.config.Secret;
import dev.neoagent.config.UserConfig;
import java.util.Objects;

/**
 * What a Kotak Neo login needs. Secrets stay wrapped; {@code toString()} masks them.
 *
 * @param account a name for logs and rate-limiter bookkeeping (the agent's UID), not a secret
 */
public record KotakCredentials(
        String account, Secret consumerKey, String mobileNumber, String ucc, Secret mpin, Secret totpSecret) {
    public KotakCredentials {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(consumerKey, "consumerKey");
        Objects.requireNonNull(mobileNumber, "mobileNumber");
        Objects.requireNonNull(ucc, "ucc");
        Objects.requireNonNull(mpin, "mpin");
        Objects.requireNonNull(totpSecret, "totpSecret");
    }

    /** The Kotak login data of one configured user. */
    public static KotakCredentials of(UserConfig user) {
        if (user.isPaper()) {
            throw new IllegalArgumentException(user.uid() + " trades on the paper broker and has no Kotak credentials");
        }
        return new KotakCredentials(
                user.uid(), user.consumerKey(), user.mobileNumber(), user.ucc(), user.mpin(), user.totpSecret());
    }
}
