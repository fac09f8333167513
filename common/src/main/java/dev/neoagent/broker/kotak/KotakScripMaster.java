package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.ScripMasterSource;
import dev.neoagent.config.Secret;
import dev.neoagent.domain.ScripMasterFiles;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Kotak's scrip-master file list and downloads, with the consumer key only: the bootstrap needs no login, no MPIN
 * and no TOTP, so it builds this instead of a whole {@link KotakNeoAdapter}. Reads are retried
 * ({@link KotakSettings#readRetryAttempts()}).
 */
public final class KotakScripMaster implements ScripMasterSource {
    private final KotakPublicApi api;
    private final Supplier<String> base;
    private final Retry readRetry;
    private final OkHttpClient ownedClient;

    KotakScripMaster(KotakPublicApi api, Supplier<String> base, Retry readRetry, OkHttpClient ownedClient) {
        this.api = api;
        this.base = base;
        this.readRetry = readRetry;
        this.ownedClient = ownedClient;
    }

    /** The file list from the login host, for the account named {@code account} in logs. */
    public static KotakScripMaster create(String account, Secret consumerKey, KotakSettings settings) {
        OkHttpClient client = KotakNeoAdapter.newHttpClient();
        KotakHttp http = new KotakHttp(
                client, settings, new RateLimiter(settings.requestsPerSecond(), Duration.ofSeconds(1)), account);
        KotakPublicApi api = new KotakPublicApi(http, new KotakErrorMapper(KotakNeoAdapter.wireJson()), consumerKey);
        return new KotakScripMaster(
                api, settings::loginBase, readRetry("kotak-scrip-master-" + account, settings), client);
    }

    /** Reads are repeated on a transient failure; nothing else is. */
    static Retry readRetry(String name, KotakSettings settings) {
        return Retry.of(
                name,
                RetryConfig.custom()
                        .maxAttempts(settings.readRetryAttempts())
                        .waitDuration(settings.readRetryBackoff())
                        .retryExceptions(BrokerException.Transient.class)
                        .build());
    }

    @Override
    public ScripMasterFiles scripMasterFiles() {
        JsonNode answer = Retry.decorateSupplier(readRetry, () -> api.scripMasterPaths(base.get()))
                .get();
        return KotakMapper.scripMasterFiles(answer);
    }

    @Override
    public InputStream openScripMaster(URI file) {
        return Retry.decorateSupplier(readRetry, () -> api.download(file.toString()))
                .get();
    }

    @Override
    public void close() {
        if (ownedClient != null) {
            ownedClient.dispatcher().executorService().shutdown();
            ownedClient.connectionPool().evictAll();
        }
    }
}
