package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.config.Secret;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.Request;

/**
 * The Kotak Neo endpoints that need only the consumer key, not a trade session: quotes and the scrip master
 * (kotak-neo-wire.md §7, §8). The agent's adapter uses them for quotes; the bootstrap uses them alone
 * ({@link KotakScripMaster}), with no login data at all.
 */
final class KotakPublicApi {
    static final String QUOTES_PATH = "/script-details/1.0/quotes/neosymbol/";
    static final String SCRIP_PATHS_PATH = "/script-details/1.0/masterscrip/file-paths";

    private final KotakHttp http;
    private final KotakErrorMapper errors;
    private final Secret consumerKey;

    KotakPublicApi(KotakHttp http, KotakErrorMapper errors, Secret consumerKey) {
        this.http = http;
        this.errors = errors;
        this.consumerKey = consumerKey;
    }

    /**
     * Quotes for {@code seg|instrument} keys. The path is percent-encoded the way Kotak's v2 SDK
     * does it ({@code |} → {@code %7C}, {@code ,} → {@code %2C}, space → {@code %20}), which keeps
     * index names such as {@code Nifty 50} intact through any HTTP stack.
     */
    JsonNode quotes(String base, List<String> wireKeys, String filter) {
        String joined = wireKeys.stream().map(KotakPublicApi::encodePathPart).collect(Collectors.joining("%2C"));
        Request request = consumerKeyRequest(UrlJoin.join(base, QUOTES_PATH) + joined + "/" + filter)
                .get()
                .build();
        return errors.check(CallKind.READ, null, http.execute(CallKind.READ, request));
    }

    JsonNode scripMasterPaths(String base) {
        Request request =
                consumerKeyRequest(UrlJoin.join(base, SCRIP_PATHS_PATH)).get().build();
        return errors.check(CallKind.READ, null, http.execute(CallKind.READ, request));
    }

    /** The CSV files themselves need no credentials. */
    InputStream download(String url) {
        return http.stream(new Request.Builder().url(url).get().build());
    }

    private Request.Builder consumerKeyRequest(String url) {
        return new Request.Builder()
                .url(url)
                .header("Authorization", consumerKey.reveal())
                .header("accept", "application/json");
    }

    /** Percent-encodes everything outside RFC 3986's unreserved set, so {@code |} and spaces survive. */
    static String encodePathPart(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
