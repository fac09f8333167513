package dev.neoagent.app.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.app.soak.AgentJvm.Sample;
import dev.neoagent.app.soak.AuditTrail.Event;
import dev.neoagent.app.soak.RequestRecord.End;
import dev.neoagent.app.soak.UiRequest.Kind;
import dev.neoagent.contract.OrderTags;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of one soak, computed from what the traders read, what the agents audited and what the broker holds:
 *
 * <ul>
 *   <li>every request's end: answered (and with which status), lost (no answer within the wait) or wiped (its hash
 *       went with a Redis restart before the answer was read, explained by what the audit and the broker say about
 *       it);
 *   <li>answers per request, three ways: the answer fields did not change after the trader read them, the request was
 *       claimed once (audit), one answer was written for that claim (audit);
 *   <li>the broker's side: orders per tag (at most one), place calls per tag on the wire (a repeat is allowed only
 *       after a definitive session refusal, so it never executes twice), and orders no answer mentions.
 * </ul>
 */
final class SoakReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SoakResult result;

    int written;
    /** Requests whose HSET failed: written or not, they were not written again. */
    int writesUncertain;

    int answered;
    int lost;
    int wiped;
    final Map<String, Integer> byStatus = new TreeMap<>();
    final Map<Kind, Map<String, Integer>> byKind = new EnumMap<>(Kind.class);
    int exactlyOneAnswer;
    /** Answer fields found changed after the trader had read the final answer. */
    int rewritten;

    int claimedMoreThanOnce;
    int answersWrittenMoreThanOnce;
    /** Claims in the audit that belong to no request the soak wrote (of another type than the open one). */
    int strayClaims;

    int reconciled;
    /** Settles of an in-flight record whose agent was still running (not killed or stopped) at that moment. */
    int settledFromLiveAgent;

    int answeredWithoutAuditedClaim;
    int orders;
    final Map<String, Integer> ordersByStatus = new TreeMap<>();
    int distinctTags;
    int tagsWithMoreThanOneOrder;
    int ordersWithoutOurTag;
    int ordersOfUnknownCommand;
    int placeCalls;
    int tagsSentMoreThanOnce;
    /** Orders at the broker that the answer of their request does not name, by that request's end or status. */
    final Map<String, Integer> ordersNotInAnswer = new TreeMap<>();
    /**
     * Orders at the broker whose request was answered definitively (SUCCESS or FAILED) without naming them: the
     * trader was told something other than what the broker did (an UNKNOWN answer says it may have reached it).
     */
    int ordersHiddenByDefinitiveAnswer;

    final Map<String, Integer> hiddenByBrokerStatus = new TreeMap<>();
    int requestsWithHiddenOrders;

    final Map<String, Integer> wipedBreakdown = new TreeMap<>();
    int ordersOfWipedRequests;
    final Map<String, Integer> ordersOfWipedByStatus = new TreeMap<>();
    long latencyP50;
    long latencyP90;
    long latencyP99;
    long latencyMax;
    int answeredAfterUiWait;
    final List<String> examples = new ArrayList<>();

    SoakReport(SoakResult result) {
        this.result = result;
        compute();
    }

    int duplicates() {
        return rewritten + claimedMoreThanOnce + answersWrittenMoreThanOnce + strayClaims + tagsWithMoreThanOneOrder;
    }

    private void compute() {
        List<RequestRecord> records = result.records;
        written = records.size();
        List<Long> latencies = new ArrayList<>();
        for (RequestRecord record : records) {
            switch (record.end) {
                case ANSWERED -> {
                    answered++;
                    byStatus.merge(record.status, 1, Integer::sum);
                    latencies.add(record.latencyMillis());
                    if (record.latencyMillis() > uiWaitMillis(record.request.kind())) {
                        answeredAfterUiWait++;
                    }
                }
                case LOST -> {
                    lost++;
                    example("lost: " + record);
                }
                case WIPED -> wiped++;
            }
            byKind.computeIfAbsent(record.request.kind(), k -> new TreeMap<>())
                    .merge(record.end == End.ANSWERED ? record.status : record.end.name(), 1, Integer::sum);
            if (record.writeUncertain != null) {
                writesUncertain++;
                example("HSET failed (" + record.writeUncertain + "): " + record);
            }
            if (record.rewrittenAs != null) {
                rewritten++;
                example("answer changed after it was read: " + record + " now " + record.rewrittenAs);
            }
        }
        latencies.sort(Comparator.naturalOrder());
        if (!latencies.isEmpty()) {
            latencyP50 = percentile(latencies, 50);
            latencyP90 = percentile(latencies, 90);
            latencyP99 = percentile(latencies, 99);
            latencyMax = latencies.getLast();
        }
        Map<String, RequestRecord> byCommand = attributeAudit(records);
        for (RequestRecord record : records) {
            if (record.claimIds.size() > 1) {
                claimedMoreThanOnce++;
                example("claimed " + record.claimIds.size() + " times " + record.claimIds + ": " + record);
            }
            if (record.answersWritten > 1) {
                answersWrittenMoreThanOnce++;
                example(record.answersWritten + " answers written: " + record);
            }
            if (record.end == End.ANSWERED && record.claimIds.isEmpty()) {
                answeredWithoutAuditedClaim++;
            }
            if (record.end == End.ANSWERED
                    && record.rewrittenAs == null
                    && record.claimIds.size() <= 1
                    && record.answersWritten <= 1) {
                exactlyOneAnswer++;
            }
        }
        Map<RequestRecord, List<FakeOrder>> ordersByRecord = brokerSide(byCommand);
        explainWiped(records, ordersByRecord);
        placeCalls(result.placeCalls);
    }

    /** The UI's own wait for the answer (ui-contract.md §3): 10 s for orders, 5 s equity, 15 s login, 3 s reports. */
    private static long uiWaitMillis(Kind kind) {
        return switch (kind) {
            case EQUITY -> 5_000;
            case LOGIN -> 15_000;
            case ORDERBOOK, POSITION, BALANCE, TRADEBOOK, HOLDINGS -> 3_000;
            default -> 10_000;
        };
    }

    /**
     * Gives each claim in the audit to the request its user had open when it was claimed (the last one written before
     * it: a trader has one request open at a time), and each written answer to its claim.
     */
    private Map<String, RequestRecord> attributeAudit(List<RequestRecord> records) {
        Map<String, List<RequestRecord>> byUser = new HashMap<>();
        for (RequestRecord record : records) {
            byUser.computeIfAbsent(record.uid, u -> new ArrayList<>()).add(record);
        }
        Map<String, RequestRecord> byCommand = new HashMap<>();
        for (Map.Entry<String, List<RequestRecord>> user : byUser.entrySet()) {
            List<RequestRecord> mine = user.getValue();
            mine.sort(Comparator.comparingLong(r -> r.writtenAt));
            List<Event> events = result.audit.events(user.getKey());
            for (Event event : events) {
                if (!"claimed".equals(event.event())) {
                    continue;
                }
                RequestRecord open = openAt(mine, event.at());
                if (open == null || !open.request.type().name().equals(event.type())) {
                    strayClaims++;
                    example("claim " + event + " while " + open + " was open");
                    continue;
                }
                open.claimIds.add(event.commandId());
                byCommand.put(event.commandId(), open);
            }
            for (Event event : events) {
                if ("reconciled".equals(event.event())) {
                    reconciled++;
                    String previous = event.body().getOrDefault("previous_agent", "");
                    for (AgentJvm agent : result.agents) {
                        if (agent.instanceId.equals(previous) && (agent.endedAt == 0 || event.at() < agent.endedAt)) {
                            settledFromLiveAgent++;
                            example("settled while its agent " + agent.name + " (" + previous + ") was running: "
                                    + event.body());
                        }
                    }
                }
                if ("answer".equals(event.event())
                        && event.written() != null
                        && event.written().startsWith("yes")) {
                    RequestRecord record = byCommand.get(event.commandId());
                    if (record != null) {
                        record.answersWritten++;
                    }
                }
            }
        }
        return byCommand;
    }

    private static RequestRecord openAt(List<RequestRecord> records, long at) {
        RequestRecord open = null;
        for (RequestRecord record : records) {
            if (record.writtenAt > at) {
                break;
            }
            open = record;
        }
        return open;
    }

    private Map<RequestRecord, List<FakeOrder>> brokerSide(Map<String, RequestRecord> byCommand) {
        Map<String, Integer> perTag = new HashMap<>();
        Map<RequestRecord, List<FakeOrder>> byRecord = new HashMap<>();
        for (List<FakeOrder> userOrders : result.orders.values()) {
            for (FakeOrder order : userOrders) {
                orders++;
                ordersByStatus.merge(order.status(), 1, Integer::sum);
                Optional<String> command = OrderTags.commandIdOf(order.tag());
                if (command.isEmpty()) {
                    ordersWithoutOurTag++;
                    continue;
                }
                perTag.merge(order.tag(), 1, Integer::sum);
                RequestRecord record = byCommand.get(command.get());
                if (record == null) {
                    ordersOfUnknownCommand++;
                    continue;
                }
                byRecord.computeIfAbsent(record, r -> new ArrayList<>()).add(order);
            }
        }
        distinctTags = perTag.size();
        perTag.forEach((tag, count) -> {
            if (count > 1) {
                tagsWithMoreThanOneOrder++;
                example("tag " + tag + " has " + count + " orders at the broker");
            }
        });
        byRecord.forEach((record, recordOrders) -> {
            Set<String> named = namedOrders(record.result);
            boolean hidden = false;
            for (FakeOrder order : recordOrders) {
                if (!named.contains(order.orderNo())) {
                    String why = record.end == End.ANSWERED
                            ? record.request.kind() + " " + record.status
                            : record.end.name();
                    ordersNotInAnswer.merge(why, 1, Integer::sum);
                    if (record.end == End.ANSWERED && !"UNKNOWN".equals(record.status)) {
                        ordersHiddenByDefinitiveAnswer++;
                        hiddenByBrokerStatus.merge(order.status(), 1, Integer::sum);
                        hidden = true;
                        example("order " + order.orderNo() + " (" + order.status() + ", tag " + order.tag()
                                + ") not in the answer of " + record);
                    }
                }
            }
            if (hidden) {
                requestsWithHiddenOrders++;
            }
        });
        return byRecord;
    }

    private static Set<String> namedOrders(String result) {
        Set<String> named = new HashSet<>();
        if (result == null) {
            return named;
        }
        try {
            for (JsonNode order : JSON.readTree(result).path("orders")) {
                if (order.hasNonNull("order_no")) {
                    named.add(order.get("order_no").asText());
                }
            }
        } catch (IOException e) {
            // not JSON: names nothing
        }
        return named;
    }

    /** What the audit and the broker say about the requests whose hash a Redis restart took. */
    private void explainWiped(List<RequestRecord> records, Map<RequestRecord, List<FakeOrder>> ordersByRecord) {
        for (RequestRecord record : records) {
            if (record.end != End.WIPED) {
                continue;
            }
            String what;
            if (record.claimIds.isEmpty()) {
                what = "not claimed before the restart (or its claim was not audited yet)";
            } else if (record.answersWritten > 0) {
                what = "answered just before the restart, not read yet";
            } else {
                what = "claimed, not answered before the restart";
            }
            wipedBreakdown.merge(what, 1, Integer::sum);
            for (FakeOrder order : ordersByRecord.getOrDefault(record, List.of())) {
                ordersOfWipedRequests++;
                ordersOfWipedByStatus.merge(order.status(), 1, Integer::sum);
            }
        }
    }

    private void placeCalls(List<RecordedCall> calls) {
        Map<String, Integer> perTag = new HashMap<>();
        for (RecordedCall call : calls) {
            placeCalls++;
            JsonNode jData = call.jData();
            String tag = jData == null ? "" : jData.path("ig").asText("");
            perTag.merge(tag, 1, Integer::sum);
        }
        tagsSentMoreThanOnce =
                (int) perTag.values().stream().filter(count -> count > 1).count();
    }

    private void example(String line) {
        if (examples.size() < 30) {
            examples.add(line);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The printed report. */
    String text(String verdict) {
        StringBuilder out = new StringBuilder();
        SoakSettings s = result.settings;
        line(out, "neo-agent soak: %d requests over %d users, seed %d", s.requests(), s.users(), s.seed());
        line(out, "  rerun: mvn -B -Psoak -pl app -am verify %s", s.commandLine());
        line(out, "wall time                         %s", format(result.wall));
        line(out, "");
        line(out, "requests written                  %d (HSET failed, not repeated: %d)", written, writesUncertain);
        line(out, "final answers                     %d  %s", answered, byStatus);
        line(out, "requests with exactly one answer  %d", exactlyOneAnswer);
        line(out, "lost (no answer in %d s)          %d", s.lostAfter().toSeconds(), lost);
        line(out, "wiped by a Redis restart          %d  %s", wiped, wipedBreakdown);
        line(out, "  their orders at the broker      %d  %s", ordersOfWipedRequests, ordersOfWipedByStatus);
        line(out, "duplicates                        %d", duplicates());
        line(out, "  answer changed after it was read %d", rewritten);
        line(out, "  claimed more than once (audit)  %d", claimedMoreThanOnce);
        line(out, "  answers written more than once  %d", answersWrittenMoreThanOnce);
        line(out, "  claims of no open request       %d", strayClaims);
        line(out, "  tags with more than one order   %d", tagsWithMoreThanOneOrder);
        line(out, "orders the broker received        %d  %s", orders, ordersByStatus);
        line(out, "distinct order tags               %d", distinctTags);
        line(out, "  orders without our tag          %d", ordersWithoutOurTag);
        line(out, "  orders of an unaudited claim    %d", ordersOfUnknownCommand);
        line(
                out,
                "place calls on the wire           %d for %d tags sent more than once (after a session refusal: "
                        + "never executed twice, see orders per tag)",
                placeCalls,
                tagsSentMoreThanOnce);
        line(out, "orders the answer does not name   %s", ordersNotInAnswer);
        line(
                out,
                "  of a SUCCESS/FAILED answer      %d orders %s of %d requests (answered while another agent was "
                        + "still sending them)",
                ordersHiddenByDefinitiveAnswer,
                hiddenByBrokerStatus,
                requestsWithHiddenOrders);
        line(out, "in-flight records settled by another agent or after a restart  %d", reconciled);
        line(out, "  while the agent holding them was still running (its lease lapsed)  %d", settledFromLiveAgent);
        line(
                out,
                "answered, claim not in the audit  %d (audit entries lost around Redis restarts)",
                answeredWithoutAuditedClaim);
        line(out, "audit entries read                %d", result.audit.read);
        line(out, "");
        line(
                out,
                "broker faults that happened       %s (%d skipped: one already waiting at that endpoint)",
                result.faults,
                result.faultsSkipped);
        line(out, "logins at the broker              %d", result.logins);
        line(out, "agent b kill -9 / restarts        %d / %d", result.kills, result.victimRestarts);
        line(out, "agent c joined / left gracefully  %d / %d", result.visitorJoins, result.visitorLeaves);
        line(
                out,
                "Redis restarts                    %d (notify-keyspace-events 3 s after each: %s)",
                result.redisRestarts,
                result.notificationsAfterRestart);
        line(out, "agent exit codes after SIGTERM    %s", result.exitCodes);
        line(
                out,
                "agent starts that failed          %d%s",
                result.startFailures.size(),
                result.startFailures.isEmpty() ? "" : " " + result.startFailures);
        line(out, "");
        line(
                out,
                "latency write -> final answer     p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
                latencyP50,
                latencyP90,
                latencyP99,
                latencyMax);
        line(out, "answered after the UI's own wait  %d", answeredAfterUiWait);
        line(out, "by kind:");
        byKind.forEach((kind, statuses) -> line(out, "  %-14s %s", kind, statuses));
        line(out, "");
        line(
                out,
                "agent a (measured) at start       %s, after %d requests",
                Soak.describe(result.start),
                result.start.requestsDone());
        line(
                out,
                "agent a at end                    %s, after %d requests",
                Soak.describe(result.end),
                result.end.requestsDone());
        StringBuilder trajectory = new StringBuilder();
        for (Sample sample : result.samples) {
            trajectory.append(String.format(
                    " %d:%.1f/%d", sample.requestsDone(), sample.heapAfterGc() / 1048576.0, sample.liveThreads()));
        }
        line(out, "  samples (requests:MiB/threads)  %s", trajectory.toString().strip());
        line(out, "  grew most (live objects after GC, end - start):");
        for (String growth : heapGrowth(result.startHistogram, result.endHistogram, 8)) {
            line(out, "    %s", growth);
        }
        if (!examples.isEmpty()) {
            line(out, "");
            line(out, "examples:");
            examples.forEach(example -> line(out, "  %s", example));
        }
        line(out, "");
        line(out, "%s", verdict);
        return out.toString();
    }

    /** The classes whose live bytes grew most between two class histograms. */
    static List<String> heapGrowth(String start, String end, int top) {
        Map<String, long[]> before = histogram(start);
        Map<String, long[]> after = histogram(end);
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        after.forEach((type, counts) -> {
            long[] was = before.getOrDefault(type, new long[2]);
            growth.add(Map.entry(type, new long[] {counts[0] - was[0], counts[1] - was[1]}));
        });
        growth.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1])
                .reversed());
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : growth.subList(0, Math.min(top, growth.size()))) {
            lines.add(String.format(
                    "%+8.1f KiB %+9d objects  %s", entry.getValue()[1] / 1024.0, entry.getValue()[0], entry.getKey()));
        }
        return lines;
    }

    /** {@code num: #instances #bytes class name (module)} lines → class name → {instances, bytes}. */
    private static Map<String, long[]> histogram(String text) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                try {
                    classes.merge(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])}, (a, b) ->
                            new long[] {a[0] + b[0], a[1] + b[1]});
                } catch (NumberFormatException e) {
                    // a header or total line
                }
            }
        }
        return classes;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(format, args)).append('\n');
    }

    private static String format(java.time.Duration duration) {
        return String.format("%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }
}
