package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;

/**
 * Quotes and scrip master. These need only the consumer key ({@code Authorization}), never a
 * trade session, so they keep working while the session is dead.
 */
final class MarketApi {
    static final String QUOTES_PATH = "/script-details/1.0/quotes/neosymbol/";
    static final String FILE_PATHS_PATH = "/script-details/1.0/masterscrip/file-paths";
    static final String SCRIP_ROOT = "/wso2-scripmaster/v1/prod";
    /** The files Kotak lists, in its order; the "-v1" cash files live in "transformed-v1". */
    static final List<String> SCRIP_FILES = List.of(
            "cde_fo.csv", "mcx_fo.csv", "nse_fo.csv", "bse_fo.csv", "nse_com.csv", "bse_cm-v1.csv", "nse_cm-v1.csv");

    private final KotakState state;

    MarketApi(KotakState state) {
        this.state = state;
    }

    /**
     * {@code <q>[,<q>...]/<filter>} where q is {@code seg|token} or {@code seg|Index Name}. The v2
     * SDK percent-encodes '|' ',' and ' ', v3/openalgo keep '|' and ',' literal: both decode to
     * the same text here.
     */
    MockResponse quotes(RecordedCall call, String path) {
        if (state.accounts.byConsumerKey(call.header("Authorization")) == null) {
            return Replies.invalidConsumerKey();
        }
        String rest = path.substring(QUOTES_PATH.length());
        int slash = rest.lastIndexOf('/');
        String rawQueries = slash < 0 ? rest : rest.substring(0, slash);
        String filter = slash < 0 || slash == rest.length() - 1 ? "all" : rest.substring(slash + 1);
        String queries;
        try {
            queries = Urls.percentDecode(rawQueries);
            filter = Urls.percentDecode(filter);
        } catch (IllegalArgumentException e) {
            return invalidInstrument();
        }
        if (!QuoteRenderer.knownFilter(filter)) {
            return Replies.notOk(1002, "Invalid filter");
        }
        ArrayNode result = Json.array();
        for (String query : queries.split(",", -1)) {
            int bar = query.indexOf('|');
            if (bar <= 0) {
                return invalidInstrument();
            }
            String segment = query.substring(0, bar);
            String id = query.substring(bar + 1);
            Instrument instrument = state.market.instrument(segment, id);
            IndexQuote index = state.market.index(segment, id);
            if (instrument != null) {
                result.add(QuoteRenderer.instrument(instrument, filter));
            } else if (index != null) {
                result.add(QuoteRenderer.index(index, filter));
            } else {
                return invalidInstrument();
            }
        }
        return Replies.json(200, result);
    }

    /** An error is an OBJECT where success is an ARRAY; clients must check the JSON type. */
    private static MockResponse invalidInstrument() {
        return Replies.notOk(1009, "Invalid instrument/code");
    }

    MockResponse filePaths(RecordedCall call, Instant now) {
        if (state.accounts.byConsumerKey(call.header("Authorization")) == null) {
            return Replies.invalidConsumerKey();
        }
        String base = state.loginUrl + SCRIP_ROOT;
        String folder = base + "/" + Formats.folderDate(now) + "/";
        ObjectNode body = Json.object();
        ObjectNode data = body.putObject("data");
        ArrayNode files = data.putArray("filesPaths");
        for (String file : SCRIP_FILES) {
            files.add(folder + subFolder(file) + "/" + file);
        }
        data.put("baseFolder", base);
        return Replies.json(200, body);
    }

    /**
     * {@code /wso2-scripmaster/v1/prod/<yyyy-mm-dd>/<transformed|transformed-v1>/<file>}; no auth.
     * Old date folders answer 403 like the real bucket, unknown files 404.
     */
    MockResponse scripFile(String path, Instant now) {
        String[] parts = path.substring(SCRIP_ROOT.length() + 1).split("/");
        if (parts.length != 3) {
            return Replies.notFound();
        }
        if (!parts[0].equals(Formats.folderDate(now))) {
            return Replies.raw(403, "text/html", "<html>403 Forbidden</html>");
        }
        Buffer content = state.market.scripFile(parts[2]);
        if (content == null || !parts[1].equals(subFolder(parts[2]))) {
            return Replies.notFound();
        }
        return new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "text/csv")
                .setBody(content);
    }

    static String subFolder(String fileName) {
        return fileName.endsWith("-v1.csv") ? "transformed-v1" : "transformed";
    }
}
