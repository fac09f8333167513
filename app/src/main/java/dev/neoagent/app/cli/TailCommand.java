package dev.neoagent.app.cli;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tail --uid U [--follow]}: the user's audit stream {@code NEO_AUDIT:<uid>}, one line per
 * entry (claims, broker calls, answers), oldest first, like {@code tail -f} on a log.
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Print the last entries of a user's audit stream NEO_AUDIT:<uid>: time (IST), event, "
                    + "command id, type and details.",
            "With --follow, keep printing new entries until Ctrl-C."
        },
        footer = {"", "Exit codes: 0 done (or stopped), 1 Redis unreachable, unknown user or usage error."})
final class TailCommand extends OperatorCommand {
    /** Each XREAD blocks at most this long, so an interrupt is noticed promptly. */
    static final Duration BLOCK = Duration.ofSeconds(1);

    @Option(names = "--uid", required = true, paramLabel = "UID", description = "The user")
    String uid;

    @Option(
            names = {"-n", "--lines"},
            paramLabel = "N",
            defaultValue = "20",
            description = "How many of the last entries to print first (default ${DEFAULT-VALUE})")
    int lines;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new entries (XREAD BLOCK) until Ctrl-C")
    boolean follow;

    TailCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int run(AgentConfig agentConfig) {
        boolean stoppedByInterrupt = false;
        if (lines < 0) {
            throw CliFailure.failed("--lines must be 0 or more, got " + lines);
        }
        try (RedisSession session = RedisSession.open(agentConfig)) {
            Users.requireKnown(session, agentConfig, uid);
            RedisCommands<String, String> redis = session.redis();
            String key = AgentKeys.audit(uid);
            List<StreamMessage<String, String>> last = lines == 0
                    ? List.of()
                    : new ArrayList<>(redis.xrevrange(key, Range.create("-", "+"), Limit.from(lines)));
            Collections.reverse(last);
            last.forEach(entry -> out.println(AuditFormat.line(entry)));
            if (!follow) {
                if (last.isEmpty() && lines > 0) {
                    out.println("(no audit entries for " + uid + " in " + key + ")");
                }
                return ExitCodes.OK;
            }
            // follow from the newest entry seen: reading from "$" again on each call could skip entries
            // added between two reads; "0-0" on an empty stream means "everything from now on"
            String from = last.isEmpty()
                    ? newestId(redis, key)
                    : last.get(last.size() - 1).getId();
            err.println("following " + key + " (Ctrl-C to stop)");
            stoppedByInterrupt = follow(redis, key, from);
        } finally {
            if (stoppedByInterrupt) {
                Thread.currentThread().interrupt(); // cleared only so that the connection could close
            }
        }
        return ExitCodes.OK;
    }

    private static String newestId(RedisCommands<String, String> redis, String key) {
        List<StreamMessage<String, String>> newest = redis.xrevrange(key, Range.create("-", "+"), Limit.from(1));
        return newest.isEmpty() ? "0-0" : newest.get(0).getId();
    }

    /**
     * Prints new entries until the thread is interrupted (in-process callers; a real Ctrl-C simply
     * ends the JVM). Returns true when stopped that way, with the interrupt flag cleared so the
     * connection can still be closed cleanly.
     */
    private boolean follow(RedisCommands<String, String> redis, String key, String from) {
        String lastId = from;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                // xread takes generic varargs without @SafeVarargs; passing one offset is safe
                @SuppressWarnings("unchecked")
                List<StreamMessage<String, String>> entries = redis.xread(
                        XReadArgs.Builder.block(BLOCK).count(100), XReadArgs.StreamOffset.from(key, lastId));
                for (StreamMessage<String, String> entry : entries) {
                    out.println(AuditFormat.line(entry));
                    lastId = entry.getId();
                }
            }
        } catch (RedisException e) {
            if (!Thread.currentThread().isInterrupted() && !(e instanceof RedisCommandInterruptedException)) {
                throw e;
            }
        }
        Thread.interrupted();
        return true;
    }
}
