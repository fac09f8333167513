package dev.neoagent.app.soak;

import dev.neoagent.app.soak.RequestRecord.End;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * One simulated trader in front of the UI: writes a request, waits for its final answer (or gives up after the
 * soak's wait and records it as lost), pauses, writes the next — never two at once, like the UI. Before it asks again
 * for the same request type it checks that the previous answer is still the one it read: an answer written twice
 * would show there.
 */
final class Trader implements Runnable {
    /** The soak's shared state a trader needs. */
    record Shared(
            RedisCommands<String, String> redis,
            ReadWriteLock redisGate,
            AtomicInteger redisGeneration,
            AtomicInteger done,
            SoakSettings settings) {}

    private final String uid;
    private final int budget;
    private final Random random;
    private final RequestMix mix;
    private final Shared shared;
    final List<RequestRecord> records = new ArrayList<>();
    /** The last answered request of each type: its answer must stay as read. */
    private final Map<dev.neoagent.contract.RequestType, RequestRecord> lastAnswered =
            new EnumMap<>(dev.neoagent.contract.RequestType.class);

    Trader(String uid, int budget, Random random, SoakMarket market, Shared shared) {
        this.uid = uid;
        this.budget = budget;
        this.random = random;
        this.mix = new RequestMix(market, random);
        this.shared = shared;
    }

    @Override
    public void run() {
        for (int seq = 1; seq <= budget; seq++) {
            pause(Duration.ofMillis((long) (-Math.log(1 - random.nextDouble())
                    * shared.settings().thinkMean().toMillis())));
            UiRequest request = mix.next();
            RequestRecord record = write(seq, request);
            awaitAnswer(record);
            records.add(record);
            if (record.end == End.ANSWERED) {
                lastAnswered.put(request.type(), record);
                mix.answered(request, record.status, record.result);
            }
            shared.done().incrementAndGet();
        }
    }

    /**
     * Clears the previous answer and writes the request, as the UI does, while no Redis restart is under way (a
     * restart between the HDELs and the HSET would only muddle the count). Retries while Redis does not answer: a
     * request counts as written once its HSET succeeded.
     */
    private RequestRecord write(int seq, UiRequest request) {
        while (true) {
            shared.redisGate().readLock().lock();
            RequestRecord record = null;
            try {
                checkPreviousAnswer(request);
                for (String field : request.clear()) {
                    shared.redis().hdel(uid, field);
                }
                record = new RequestRecord(
                        uid,
                        seq,
                        request,
                        System.currentTimeMillis(),
                        shared.redisGeneration().get());
                shared.redis().hset(uid, request.write());
                return record;
            } catch (RedisException e) {
                if (record != null) {
                    // the HSET may have landed (say, a timeout): never write the request twice; if it did not land,
                    // no answer comes and the request counts as lost
                    record.writeUncertain = e.toString();
                    return record;
                }
                // an HDEL failed: Redis went away (it is restarted only while nobody writes, but a connection may lag)
            } finally {
                shared.redisGate().readLock().unlock();
            }
            pause(shared.settings().poll());
        }
    }

    /** The previous answer of this type must still read as it did (unless Redis was restarted since). */
    private void checkPreviousAnswer(UiRequest request) {
        RequestRecord previous = lastAnswered.get(request.type());
        if (previous == null
                || previous.rewrittenAs != null
                || previous.generation != shared.redisGeneration().get()) {
            return;
        }
        Map<String, String> now = previous.request.signature(read(previous.request));
        if (!now.equals(previous.signature)) {
            previous.rewrittenAs = now.toString();
        }
    }

    /** Checks the last answers once more at the end of the soak. */
    void checkLastAnswers() {
        for (RequestRecord previous : lastAnswered.values()) {
            if (previous.rewrittenAs == null
                    && previous.generation == shared.redisGeneration().get()) {
                Map<String, String> now = previous.request.signature(read(previous.request));
                if (!now.equals(previous.signature)) {
                    previous.rewrittenAs = now.toString();
                }
            }
        }
    }

    private void awaitAnswer(RequestRecord record) {
        long deadline = record.writtenAt + shared.settings().lostAfter().toMillis();
        while (true) {
            try {
                Map<String, String> fields = read(record.request);
                Optional<String> status = record.request.finalStatus(fields);
                if (status.isEmpty() && shared.redisGeneration().get() != record.generation) {
                    // a restart began: the hash is gone or going, with the request (an answer written before it was
                    // read above; the agent never writes one into the new, empty hash)
                    record.end = End.WIPED;
                    record.endedAt = System.currentTimeMillis();
                    return;
                }
                if (status.isPresent()) {
                    record.end = End.ANSWERED;
                    record.endedAt = System.currentTimeMillis();
                    record.status = status.get();
                    record.message = record.request
                            .type()
                            .messageField()
                            .or(() -> record.request.type().reportFailureField())
                            .map(fields::get)
                            .orElse(null);
                    record.result =
                            record.request.type().resultField().map(fields::get).orElse(null);
                    record.signature = record.request.signature(fields);
                    return;
                }
            } catch (RedisException e) {
                // Redis is being restarted; the generation check above tells once it is back
            }
            if (System.currentTimeMillis() > deadline) {
                record.end = shared.redisGeneration().get() != record.generation ? End.WIPED : End.LOST;
                record.endedAt = System.currentTimeMillis();
                return;
            }
            pause(shared.settings().poll());
        }
    }

    private Map<String, String> read(UiRequest request) {
        List<String> names = request.answerFields();
        Map<String, String> fields = new LinkedHashMap<>();
        for (KeyValue<String, String> value : shared.redis().hmget(uid, names.toArray(String[]::new))) {
            fields.put(value.getKey(), value.getValueOrElse(null));
        }
        return fields;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("trader interrupted", e);
        }
    }
}
