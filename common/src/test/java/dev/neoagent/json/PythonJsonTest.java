package dev.neoagent.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesLikePythonJsonDumps() throws Exception {
        // json.dumps({"Index": "NIFTY", "Qty": 65, "LimitPrice": 120.55, "legs": [1, "a"], "x": None, "ok": True})
        ObjectNode node = json.createObjectNode()
                .put("Index", "NIFTY")
                .put("Qty", 65)
                .put("LimitPrice", new BigDecimal("120.55"));
        node.putArray("legs").add(1).add("a");
        node.putNull("x");
        node.put("ok", true);
        assertThat(PythonJson.write(node))
                .isEqualTo(
                        "{\"Index\": \"NIFTY\", \"Qty\": 65, \"LimitPrice\": 120.55, \"legs\": [1, \"a\"], \"x\": null, \"ok\": true}");
        assertThat(json.readTree(PythonJson.write(node))).isEqualTo(json.readTree(node.toString()));
    }

    @Test
    void escapesNonAsciiAndControlCharactersLikeEnsureAscii() {
        ObjectNode node = json.createObjectNode().put("m", "₹ \"q\"\n");
        assertThat(PythonJson.write(node)).isEqualTo("{\"m\": \"\\u20b9 \\\"q\\\"\\n\"}");
    }
}
