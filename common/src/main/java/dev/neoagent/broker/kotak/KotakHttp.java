package dev.neoagent.broker.kotak;

import dev.neoagent.broker.BrokerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transport for one Kotak account: every request waits for the account's rate limiter, is logged
 * without headers or body (they carry tokens, the MPIN and the TOTP), and an I/O failure is
 * classified by whether the request had started to go out. A failure after an order request was
 * sent is {@link BrokerException.OutcomeUnknown}; before it, {@link BrokerException.Transient}.
 */
final class KotakHttp {
    static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
    static final MediaType JSON = MediaType.get("application/json");

    private static final Logger log = LoggerFactory.getLogger("dev.neoagent.broker.kotak.http");

    private final OkHttpClient client;
    private final RateLimiter rateLimiter;
    private final String account;

    KotakHttp(OkHttpClient shared, KotakSettings settings, RateLimiter rateLimiter, String account) {
        this.client = shared.newBuilder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(
                        settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .eventListenerFactory(call -> {
                    SendTracker tracker = call.request().tag(SendTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .build();
        this.rateLimiter = rateLimiter;
        this.account = account;
    }

    /** A form body OkHttp must never replay on its own once it has started to send it. */
    static RequestBody oneShotForm(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return FORM;
            }

            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes);
            }
        };
    }

    static RequestBody json(String content) {
        return RequestBody.create(content, JSON);
    }

    /** Executes a call and returns status and body text, or throws the right exception. */
    WireResponse execute(CallKind kind, Request request) {
        SendTracker tracker = new SendTracker();
        Request tracked = request.newBuilder().tag(SendTracker.class, tracker).build();
        waitForPermit(request);
        long start = System.nanoTime();
        try (Response response = client.newCall(tracked).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            logOutcome(request, response.code(), start);
            return new WireResponse(response.code(), text);
        } catch (IOException e) {
            log.debug(
                    "[{}] {} {} failed after {} ms: {}",
                    account,
                    request.method(),
                    request.url().encodedPath(),
                    elapsedMillis(start),
                    e.getClass().getSimpleName());
            throw ioFailure(kind, request, tracker.sent, e);
        }
    }

    /**
     * Opens a GET whose body the caller streams (the scrip master can be tens of MB). A non-2xx
     * answer is a transient failure: the file list is re-read by the caller next time.
     */
    InputStream stream(Request request) {
        waitForPermit(request);
        long start = System.nanoTime();
        Response response = null;
        try {
            response = client.newCall(request).execute();
            logOutcome(request, response.code(), start);
            if (!response.isSuccessful() || response.body() == null) {
                int code = response.code();
                response.close();
                throw new BrokerException.Transient(
                        "download of " + request.url().encodedPath() + " failed with HTTP " + code, null);
            }
            return response.body().byteStream();
        } catch (IOException e) {
            if (response != null) {
                response.close();
            }
            throw ioFailure(CallKind.READ, request, false, e);
        }
    }

    private void waitForPermit(Request request) {
        try {
            long waited = rateLimiter.acquire();
            if (waited > 1_000_000) {
                log.debug(
                        "[{}] {} {} waited {} ms for the rate limiter",
                        account,
                        request.method(),
                        request.url().encodedPath(),
                        waited / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException.Transient("interrupted before the request was sent", e);
        }
    }

    private static BrokerException ioFailure(CallKind kind, Request request, boolean sent, IOException e) {
        String what = request.method() + " " + request.url().encodedPath();
        if (kind == CallKind.MUTATION && sent) {
            return new BrokerException.OutcomeUnknown(
                    what + " was sent but no answer came back (" + e.getClass().getSimpleName()
                            + "); the broker may or may not have acted on it",
                    e);
        }
        return new BrokerException.Transient(
                what + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()),
                e);
    }

    private void logOutcome(Request request, int status, long start) {
        log.debug(
                "[{}] {} {} -> HTTP {} in {} ms",
                account,
                request.method(),
                request.url().encodedPath(),
                status,
                elapsedMillis(start));
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Remembers whether OkHttp began writing the request, i.e. whether the broker may have seen it. */
    private static final class SendTracker extends EventListener {
        private volatile boolean sent;

        @Override
        public void requestHeadersStart(Call call) {
            sent = true;
        }
    }
}
