package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request bodies, checked against kotak-neo-examples.md byte for byte. */
class JDataTest {

    @Test
    void placeBodyIsTheV3SdkBodyOfExample3() {
        OrderRequest order = OrderRequest.limit(
                Segment.NSE_FO,
                new TradingSymbol("NIFTY2692221000PE"),
                Side.BUY,
                65,
                new BigDecimal("120.50"),
                Product.NRML,
                new OrderTag("mytag1"));

        // examples §3, "Same order as the v3 SDK would send it"
        assertThat(KotakWire.place(order).json())
                .isEqualTo(
                        "{\"am\": \"NO\", \"dq\": \"0\", \"es\": \"nse_fo\", \"mp\": \"0\", \"pc\": \"NRML\", \"pr\": \"120.5\", "
                                + "\"pt\": \"L\", \"qt\": \"65\", \"rt\": \"DAY\", \"tp\": \"0\", \"ts\": \"NIFTY2692221000PE\", "
                                + "\"tt\": \"B\", \"ig\": \"mytag1\", \"os\": \"NEOTRADEAPI\"}");
    }

    @Test
    void formEncodingMatchesThePythonSdkByteForByte() {
        // examples §5: cancel request body as the v2 SDK sent it
        JData cancel = JData.of().put("on", "250720000007242").put("am", "NO");
        assertThat(cancel.formBody())
                .isEqualTo("jData=%7B%22on%22%3A+%22250720000007242%22%2C+%22am%22%3A+%22NO%22%7D");

        // examples §12: limits
        JData limits = JData.of().put("seg", "ALL").put("exch", "ALL").put("prod", "ALL");
        assertThat(limits.formBody())
                .isEqualTo("jData=%7B%22seg%22%3A+%22ALL%22%2C+%22exch%22%3A+%22ALL%22%2C+%22prod%22%3A+%22ALL%22%7D");
    }

    @Test
    void v2PlaceExampleEncodesIdentically() {
        // examples §3: the v2 SDK's body, nulls included, re-encoded by us
        String v2Encoded =
                "jData=%7B%22am%22%3A+%22NO%22%2C+%22dq%22%3A+%220%22%2C+%22es%22%3A+%22nse_fo%22%2C+%22mp%22%3A+%220%22%2C+%22pc%22%3A+%22NRML%22%2C+%22pf%22%3A+%22N%22%2C+%22pr%22%3A+%22120.5%22%2C+%22pt%22%3A+%22L%22%2C+%22qt%22%3A+%2265%22%2C+%22rt%22%3A+%22DAY%22%2C+%22tp%22%3A+%220%22%2C+%22ts%22%3A+%22NIFTY2692221000PE%22%2C+%22tt%22%3A+%22B%22%2C+%22ig%22%3A+%22mytag1%22%2C+%22tk%22%3A+null%2C+%22sot%22%3A+null%2C+%22slt%22%3A+null%2C+%22slv%22%3A+null%2C+%22sov%22%3A+null%2C+%22lat%22%3A+null%2C+%22tlt%22%3A+null%2C+%22tsv%22%3A+null%2C+%22os%22%3A+%22NEOTRADEAPI%22%7D";
        JData body = JData.of()
                .put("am", "NO")
                .put("dq", "0")
                .put("es", "nse_fo")
                .put("mp", "0")
                .put("pc", "NRML")
                .put("pf", "N")
                .put("pr", "120.5")
                .put("pt", "L")
                .put("qt", "65")
                .put("rt", "DAY")
                .put("tp", "0")
                .put("ts", "NIFTY2692221000PE")
                .put("tt", "B")
                .put("ig", "mytag1")
                .put("tk", null)
                .put("sot", null)
                .put("slt", null)
                .put("slv", null)
                .put("sov", null)
                .put("lat", null)
                .put("tlt", null)
                .put("tsv", null)
                .put("os", "NEOTRADEAPI");
        assertThat(body.formBody()).isEqualTo(v2Encoded);
        assertThat(URLDecoder.decode(v2Encoded.substring("jData=".length()), StandardCharsets.UTF_8))
                .isEqualTo(body.json());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0.0, 0", "0.00, 0", "120.50, 120.5", "121.00, 121", "0.05, 0.05", "26000, 26000", "1E+3, 1000"
    })
    void pricesAreSentAsKotakAcceptsThem(String input, String wire) {
        assertThat(JData.price(new BigDecimal(input))).isEqualTo(wire);
    }

    @Test
    void marketOrderSendsZeroPriceAndTrigger() {
        OrderRequest order = OrderRequest.market(
                Segment.NSE_CM, new TradingSymbol("M&M-EQ"), Side.SELL, 3, Product.CNC, new OrderTag("cmd-1.0"));
        String json = KotakWire.place(order).json();
        assertThat(json)
                .contains(
                        "\"pr\": \"0\"",
                        "\"tp\": \"0\"",
                        "\"pt\": \"MKT\"",
                        "\"tt\": \"S\"",
                        "\"pc\": \"CNC\"",
                        "\"ts\": \"M&M-EQ\"",
                        "\"es\": \"nse_cm\"");
    }

    @Test
    void nonAsciiIsEscapedLikePython() {
        // json.dumps("₹") is "\u20b9": Python writes the hex digits in lower case (Jackson, used before, wrote
        // them in upper case)
        assertThat(JData.of().put("x", "₹").json()).isEqualTo("{\"x\": \"\\u20b9\"}");
    }
}
