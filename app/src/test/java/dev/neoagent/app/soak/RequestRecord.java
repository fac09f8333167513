package dev.neoagent.app.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request the soak wrote, and what became of it: the final answer the trader read, or why none came (lost: no
 * answer within the wait; wiped: the user's hash went with a Redis restart before the answer was read). Filled in by
 * its trader's thread, then read by the report once every trader has finished.
 */
final class RequestRecord {
    enum End {
        ANSWERED,
        LOST,
        WIPED
    }

    final String uid;
    final int seq;
    final UiRequest request;
    /** Epoch milliseconds just before the HSET (Redis stream ids of the audit use the same clock). */
    final long writtenAt;
    /** How many Redis restarts had begun when it was written. */
    final int generation;

    End end;
    long endedAt;
    String status;
    String message;
    /** RESULT_* as read (order requests), or null. */
    String result;
    /** The answer's fields that identify it (see {@link UiRequest#signature}). */
    Map<String, String> signature;
    /** Set (to the error) when the HSET failed: the request may or may not have been written. */
    String writeUncertain;
    /** Set when the answer fields were found changed after the trader had read the final answer: a second answer. */
    String rewrittenAs;

    // filled in from the audit stream
    final List<String> claimIds = new ArrayList<>();
    int answersWritten;

    RequestRecord(String uid, int seq, UiRequest request, long writtenAt, int generation) {
        this.uid = uid;
        this.seq = seq;
        this.request = request;
        this.writtenAt = writtenAt;
        this.generation = generation;
    }

    long latencyMillis() {
        return endedAt - writtenAt;
    }

    @Override
    public String toString() {
        return uid + "#" + seq + " " + request.kind() + " " + end + (status == null ? "" : " " + status)
                + (message == null ? "" : " (" + message + ")");
    }
}
