package dev.neoagent.broker.kotak;

import dev.neoagent.config.Secret;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Wires a {@link KotakNeoAdapter} to a user of the fake Kotak server, with test-friendly settings. */
final class FakeBroker {
    private FakeBroker() {}

    static KotakCredentials credentials(FakeUser user) {
        return new KotakCredentials(
                "acct-" + user.ucc(),
                Secret.of(user.consumerKey()),
                user.mobileNumber(),
                user.ucc(),
                Secret.of(user.mpin()),
                Secret.of(user.totpSecretBase32()));
    }

    static KotakSettings settings(FakeKotakServer server) {
        return KotakSettings.defaults(URI.create(server.loginUrl()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withReadRetry(3, Duration.ofMillis(10))
                .withRequestsPerSecond(100);
    }

    static KotakNeoAdapter adapter(FakeKotakServer server, FakeUser user) {
        return adapter(server, user, settings(server));
    }

    static KotakNeoAdapter adapter(FakeKotakServer server, FakeUser user, KotakSettings settings) {
        return adapter(user, settings, KotakNeoAdapter.newHttpClient());
    }

    static KotakNeoAdapter adapter(FakeUser user, KotakSettings settings, okhttp3.OkHttpClient client) {
        return KotakNeoAdapter.create(credentials(user), settings, client, Clock.systemUTC());
    }
}
