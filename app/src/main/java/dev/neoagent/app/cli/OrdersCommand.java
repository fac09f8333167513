package dev.neoagent.app.cli;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.contract.OrderStates;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orders --uid U [--open]}: the user's orders of the day as the agent keeps them in
 * {@code NEO_ORDERS:<uid>} (redis-contract.md §2.7), read from Redis only (no agent needed). Open orders first, then
 * the others, newest first within each; an entry that cannot be read is shown as such, never skipped.
 */
@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Show a user's orders of the day from NEO_ORDERS:<uid> (kept current by the agent from the broker's "
                    + "order feed): open orders (PENDING, OPEN, TRIGGER_PENDING) first, then the rest, newest first.",
            "Columns: order no, symbol, side, status, filled/qty, avg price, price, trigger, updated (IST), request "
                    + "(the command id that placed it, or ext for an order placed outside the agent), reason "
                    + "(of a rejection)."
        },
        footer = {"", "Exit codes: 0 shown, 1 Redis unreachable, unknown user or usage error."})
final class OrdersCommand extends OperatorCommand {
    static final List<String> HEADER = List.of(
            "order no",
            "symbol",
            "side",
            "status",
            "filled/qty",
            "avg price",
            "price",
            "trigger",
            "updated",
            "request",
            "reason");
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(AuditFormat.IST);
    /** How much of a parse failure an unreadable row quotes. */
    private static final int PROBLEM_LENGTH = 120;

    @Option(names = "--uid", required = true, paramLabel = "UID", description = "The user")
    String uid;

    @Option(names = "--open", description = "Only the open orders (PENDING, OPEN, TRIGGER_PENDING)")
    boolean openOnly;

    OrdersCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int run(AgentConfig config) {
        try (RedisSession session = RedisSession.open(config)) {
            String key = OrderStates.orders(uid);
            // the order state is enough to know the user, even before any request of its own
            if (session.redis().exists(key) == 0) {
                Users.requireKnown(session, config, uid);
            }
            Map<String, String> hash = session.redis().hgetall(key);
            if (hash.isEmpty()) {
                out.println("no orders today for " + uid + " (" + key + " is empty)");
                return ExitCodes.OK;
            }
            List<Row> rows = hash.entrySet().stream()
                    .map(e -> Row.of(e.getKey(), e.getValue()))
                    .filter(row -> !openOnly || row.mayBeOpen())
                    .sorted()
                    .toList();
            if (rows.isEmpty()) {
                out.println("no open orders for " + uid + " (" + hash.size() + " order" + (hash.size() == 1 ? "" : "s")
                        + " today: neo-agent orders --uid " + uid + ")");
                return ExitCodes.OK;
            }
            print(rows);
            return ExitCodes.OK;
        }
    }

    private void print(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        rows.stream().filter(row -> row.entry != null).forEach(row -> cells.add(row.cells()));
        int[] widths = new int[HEADER.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            out.println(line(line, widths));
        }
        // an unreadable entry is shown where it sorts (last), with what is wrong instead of the columns
        rows.stream()
                .filter(row -> row.entry == null)
                .forEach(row -> out.println(pad(row.orderNo, widths[0]) + "  unreadable entry in "
                        + OrderStates.orders(uid) + ": " + row.problem));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append("  ");
            }
            text.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
        }
        return text.toString().stripTrailing();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /**
     * One hash entry: the order state, or, for a value that is not one, the field and what is wrong. Sorted open
     * first, then finished, then unreadable; newest first within each.
     */
    private record Row(String orderNo, OrderStates.Entry entry, String problem) implements Comparable<Row> {
        private static final Comparator<Row> ORDER = Comparator.comparingInt(Row::group)
                .thenComparing(Row::updatedAt, Comparator.reverseOrder())
                .thenComparing(Row::orderNo, Comparator.reverseOrder());

        static Row of(String field, String json) {
            try {
                return new Row(field, OrderStates.Entry.parse(json), null);
            } catch (RuntimeException e) {
                String problem = String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
                if (problem.length() > PROBLEM_LENGTH) {
                    problem = problem.substring(0, PROBLEM_LENGTH) + "…";
                }
                return new Row(field, null, problem);
            }
        }

        /** Open, or unreadable (it may be open: {@code --open} shows it rather than hide it). */
        boolean mayBeOpen() {
            return entry == null || entry.isOpen();
        }

        int group() {
            if (entry == null) {
                return 2;
            }
            return entry.isOpen() ? 0 : 1;
        }

        Instant updatedAt() {
            return entry == null ? Instant.EPOCH : entry.updatedAt();
        }

        List<String> cells() {
            return List.of(
                    entry.orderNo(),
                    entry.tsym(),
                    entry.side(),
                    entry.status(),
                    entry.filled() + "/" + entry.qty(),
                    entry.filled() == 0 ? "-" : price(entry.avgPrice()),
                    price(entry.price()),
                    price(entry.triggerPrice()),
                    CLOCK.format(entry.updatedAt()),
                    entry.external() ? "ext" : entry.request().orElse("-"),
                    entry.reason().orElse(""));
        }

        /** {@code 123.45}; a zero price (a market order's limit, no trigger) as {@code -}. */
        private static String price(BigDecimal value) {
            return value.signum() == 0 ? "-" : value.toPlainString();
        }

        @Override
        public int compareTo(Row other) {
            return ORDER.compare(this, other);
        }
    }
}
