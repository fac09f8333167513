package dev.neoagent.app.soak;

import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agents wrote to each user's audit stream ({@code NEO_AUDIT:<uid>}): every claim, broker call and answer.
 * Read completely before each Redis restart (which loses the streams) and at the end, so the report can count how
 * often each request was claimed and answered, whichever agent did it.
 */
final class AuditTrail {
    /** One audit entry: when (the stream id's milliseconds), what, for which command. */
    record Event(long at, String event, String commandId, String type, String written, Map<String, String> body) {}

    private final Map<String, List<Event>> byUser = new HashMap<>();
    private final Map<String, String> lastId = new HashMap<>();
    /** Entries read in all. */
    int read;

    /** Reads every entry after the last one read, for each user. */
    void drain(RedisCommands<String, String> redis, List<String> uids) {
        for (String uid : uids) {
            String from = lastId.get(uid);
            while (true) {
                Range<String> range = from == null
                        ? Range.create("-", "+")
                        : Range.from(Range.Boundary.excluding(from), Range.Boundary.unbounded());
                List<StreamMessage<String, String>> page = redis.xrange(AgentKeys.audit(uid), range, Limit.from(1000));
                for (StreamMessage<String, String> message : page) {
                    Map<String, String> body = message.getBody();
                    String id = message.getId();
                    byUser.computeIfAbsent(uid, u -> new ArrayList<>())
                            .add(new Event(
                                    Long.parseLong(id.substring(0, id.indexOf('-'))),
                                    body.get("event"),
                                    body.get("id"),
                                    body.get("type"),
                                    body.get("written"),
                                    body));
                    from = id;
                    read++;
                }
                if (page.size() < 1000) {
                    break;
                }
            }
            if (from != null) {
                lastId.put(uid, from);
            }
        }
    }

    /** After a Redis restart the streams start again from nothing. */
    void streamsWiped() {
        lastId.clear();
    }

    List<Event> events(String uid) {
        return byUser.getOrDefault(uid, List.of());
    }

    /** Every entry read, one line each: user, stream time, fields (for looking into a failed soak). */
    void write(java.nio.file.Path file) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        new java.util.TreeMap<>(byUser).forEach((uid, events) -> {
            for (Event event : events) {
                lines.add(uid + "\t" + java.time.Instant.ofEpochMilli(event.at()) + "\t" + event.body());
            }
        });
        java.nio.file.Files.write(file, lines);
    }
}
