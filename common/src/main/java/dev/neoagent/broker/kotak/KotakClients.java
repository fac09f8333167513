package dev.neoagent.broker.kotak;

import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * The Kotak Neo adapters of one process: they share one HTTP client (its connection pool and threads), created with
 * the first adapter and shut down by {@link #close()}. Keeps OkHttp inside this package.
 */
public final class KotakClients implements AutoCloseable {
    private final KotakSettings settings;
    private final Clock clock;
    private OkHttpClient http;

    public KotakClients(KotakSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** An adapter for one account on the shared client; closing the adapter leaves the client open. */
    public synchronized KotakNeoAdapter adapter(KotakCredentials credentials) {
        if (http == null) {
            http = KotakNeoAdapter.newHttpClient();
        }
        return KotakNeoAdapter.create(credentials, settings, http, clock);
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
