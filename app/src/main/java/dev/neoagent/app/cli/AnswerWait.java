package dev.neoagent.app.cli;

import dev.neoagent.contract.Flags;
import dev.neoagent.contract.LevelSide;
import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits for an answer the way the UI does, by reading the status field until it is final, only
 * faster (every 50 ms rather than 500 ms). The status and the fields beside it are read in one
 * HMGET: the agent writes them in one HSET, so they always belong together.
 */
final class AnswerWait {
    static final Duration POLL = Duration.ofMillis(50);

    private AnswerWait() {}

    /**
     * @param fields  the fields to return, the status field first
     * @param timeout empty to wait without limit
     * @return the fields (absent ones missing) once the status is final; empty on timeout
     */
    static Optional<Map<String, String>> until(
            RedisCommands<String, String> redis,
            String uid,
            List<String> fields,
            Predicate<String> isFinal,
            Optional<Duration> timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Map<String, String> values = new LinkedHashMap<>();
            for (KeyValue<String, String> kv : redis.hmget(uid, fields.toArray(String[]::new))) {
                if (kv.hasValue()) {
                    values.put(kv.getKey(), kv.getValue());
                }
            }
            String status = values.get(fields.get(0));
            if (status != null && isFinal.test(status)) {
                return Optional.of(values);
            }
            if (timeout.isPresent()
                    && System.nanoTime() - start >= timeout.get().toNanos()) {
                return Optional.empty();
            }
            Thread.sleep(POLL);
        }
    }

    /** Exit code of a final status: SUCCESS 0; FAILED, CANCELLED 1; UNKNOWN or anything else 2. */
    static int exitCode(String status) {
        if (status.startsWith(Flags.STATUS_SUCCESS)) {
            return ExitCodes.OK;
        }
        if (status.startsWith(Flags.STATUS_FAILED) || status.startsWith(LevelSide.STATUS_CANCELLED)) {
            return ExitCodes.FAILED;
        }
        return ExitCodes.UNKNOWN;
    }
}
