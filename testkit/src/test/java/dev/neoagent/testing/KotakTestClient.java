package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A deliberately plain HTTP client for testing the fake: builds requests the way the Kotak SDKs
 * do (see kotak-neo-examples.md) without any of the production client's logic.
 */
final class KotakTestClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final MediaType JSON = MediaType.get("application/json");
    static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    /** No silent retries: a test of a dropped connection must see exactly one request. */
    final OkHttpClient http = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(20))
            .build();

    private final FakeKotakServer fake;

    KotakTestClient(FakeKotakServer fake) {
        this.fake = fake;
    }

    record Resp(int status, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    record Session(String token, String sid, String baseUrl) {}

    // ------------------------------------------------------------------ login

    Resp totpLogin(String consumerKey, String jsonBody) {
        return execute(new Request.Builder()
                .url(fake.loginUrl() + "/login/1.0/tradeApiLogin")
                .header("Authorization", consumerKey)
                .header("neo-fin-key", "neotradeapi")
                .post(RequestBody.create(jsonBody, JSON))
                .build());
    }

    Resp totpLogin(FakeUser user) {
        return totpLogin(
                user.consumerKey(),
                String.format(
                        Locale.ROOT,
                        "{\"mobileNumber\": \"%s\", \"ucc\": \"%s\", \"totp\": \"%s\"}",
                        user.mobileNumber(),
                        user.ucc(),
                        user.totpNow()));
    }

    Resp validate(String consumerKey, String viewSid, String viewToken, String jsonBody) {
        return execute(new Request.Builder()
                .url(fake.loginUrl() + "/login/1.0/tradeApiValidate")
                .header("Authorization", consumerKey)
                .header("sid", viewSid)
                .header("Auth", viewToken)
                .header("neo-fin-key", "neotradeapi")
                .post(RequestBody.create(jsonBody, JSON))
                .build());
    }

    /** TOTP login + MPIN validate; asserts success. */
    Session login(FakeUser user) {
        Resp view = totpLogin(user);
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        JsonNode viewData = view.json().get("data");
        Resp trade = validate(
                user.consumerKey(),
                viewData.get("sid").asText(),
                viewData.get("token").asText(),
                "{\"mpin\": \"" + user.mpin() + "\"}");
        assertThat(trade.status()).as(trade.body()).isEqualTo(200);
        JsonNode data = trade.json().get("data");
        return new Session(
                data.get("token").asText(),
                data.get("sid").asText(),
                data.get("baseUrl").asText());
    }

    // ------------------------------------------------------------------ trade calls

    /** POST {@code baseUrl + path} with {@code jData=<json>}, form-encoded with '+' for spaces. */
    Resp post(Session s, String path, String json) {
        return postForm(s, path, form(json));
    }

    Resp postForm(Session s, String path, String formBody) {
        return execute(new Request.Builder()
                .url(s.baseUrl() + path)
                .header("Sid", s.sid())
                .header("Auth", s.token())
                .header("neo-fin-key", "neotradeapi")
                .header("accept", "application/json")
                .post(RequestBody.create(formBody, FORM))
                .build());
    }

    Resp get(Session s, String path) {
        return execute(new Request.Builder()
                .url(s.baseUrl() + path)
                .header("Sid", s.sid())
                .header("Auth", s.token())
                .header("accept", "application/json")
                .get()
                .build());
    }

    /** GET with just a consumer key (quotes, scrip master). */
    Resp getWithKey(String url, String consumerKey) {
        Request.Builder request = new Request.Builder().url(url).get();
        if (consumerKey != null) {
            request.header("Authorization", consumerKey);
        }
        return execute(request.build());
    }

    Resp getUrl(String url) {
        return execute(new Request.Builder().url(url).get().build());
    }

    Resp execute(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Resp(
                    response.code(),
                    response.body() == null ? "" : response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a GET with the request target exactly as given, bypassing OkHttp's URL canonicalisation
     * (which would turn a literal '|' into %7C) — the v3 SDK and openalgo send '|' and ',' raw.
     */
    Resp rawGet(String target, String consumerKey) {
        URI uri = URI.create(fake.loginUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: " + consumerKey + "\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.split(" ")[1]);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new Resp(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in headers");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ bodies

    /** JSON the way Python's json.dumps writes it: ", " and ": " separators, nulls kept. */
    static String pythonJson(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(field.getKey()).append("\": ");
            out.append(field.getValue() == null ? "null" : "\"" + field.getValue() + "\"");
        }
        return out.append('}').toString();
    }

    /** {@code jData=<json>} with Python quote_plus-like encoding (space → '+'). */
    static String form(String json) {
        return "jData=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    /** The v2 SDK's place body for an order (keys in v2 order, BO extras null). */
    static Map<String, String> placeFields(
            String segment,
            String symbol,
            String side,
            String qty,
            String priceType,
            String price,
            String product,
            String tag) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("am", "NO");
        f.put("dq", "0");
        f.put("es", segment);
        f.put("mp", "0");
        f.put("pc", product);
        f.put("pf", "N");
        f.put("pr", price);
        f.put("pt", priceType);
        f.put("qt", qty);
        f.put("rt", "DAY");
        f.put("tp", "0");
        f.put("ts", symbol);
        f.put("tt", side);
        f.put("ig", tag);
        f.put("tk", null);
        f.put("os", "NEOTRADEAPI");
        return f;
    }

    Resp place(Session s, Map<String, String> fields) {
        return post(s, "/quick/order/rule/ms/place", pythonJson(fields));
    }

    /** Places and asserts the API accepted it; returns nOrdNo. */
    String placeOk(Session s, Map<String, String> fields) {
        Resp resp = place(s, fields);
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.json().path("stat").asText()).as(resp.body()).isEqualTo("Ok");
        return resp.json().get("nOrdNo").asText();
    }
}
