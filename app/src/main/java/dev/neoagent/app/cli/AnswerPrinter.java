package dev.neoagent.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Prints an order answer for a person: the status and message fields as the UI shows them, then
 * one line per order from the RESULT_* JSON (the part a UI does not show: which order number
 * belongs to which leg, and what happened to each).
 */
final class AnswerPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerPrinter() {}

    static void print(PrintStream out, String status, String message, String result) {
        out.printf("%-9s%s%n", "status", status);
        if (message != null) {
            out.printf("%-9s%s%n", "message", message);
        }
        if (result == null) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(result);
        } catch (IOException e) {
            out.printf("%-9s%s%n", "result", result);
            return;
        }
        JsonNode orders = node.path("orders");
        if (!orders.isArray() || orders.isEmpty()) {
            out.printf("%-9s%s%n", "orders", "none sent");
        }
        for (JsonNode order : orders) {
            out.printf("%-9s%s%n", "order", orderLine(order));
        }
        if (node.hasNonNull("id")) {
            out.printf(
                    "%-9s%s (outcome %s)%n",
                    "id", node.get("id").asText(), node.path("outcome").asText("?"));
        }
    }

    /**
     * {@code leg 0  BUY 65 NIFTY26JAN26000CE  DONE  order 260120000000001  Order Placed: ...}; an answer to a
     * modify, cancel or exit names what was done to each order instead of its leg ({@code cancel  BUY 65 ...},
     * {@code place   SELL 65 ...}), in the order the agent did it.
     */
    static String orderLine(JsonNode order) {
        StringBuilder line = new StringBuilder();
        if (order.hasNonNull("action")) {
            line.append(String.format("%-6s", order.get("action").asText()));
        } else {
            line.append("leg ").append(order.path("leg").asText("?"));
        }
        line.append("  ")
                .append(order.path("side").asText())
                .append(' ')
                .append(order.path("qty").asText())
                .append(' ')
                .append(order.path("tsym").asText())
                .append("  ")
                .append(order.path("outcome").asText());
        if (order.hasNonNull("order_no")) {
            line.append("  order ").append(order.get("order_no").asText());
        }
        if (order.hasNonNull("message")) {
            line.append("  ").append(order.get("message").asText());
        }
        return line.toString();
    }
}
