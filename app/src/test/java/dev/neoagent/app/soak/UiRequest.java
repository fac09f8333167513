package dev.neoagent.app.soak;

import dev.neoagent.contract.Flags;
import dev.neoagent.contract.RequestType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request exactly as a UI writes it (ui-contract.md §3, redis-contract.md §2): the previous answer's fields
 * cleared with single-field HDELs, then flag, payload and status in one HSET. Knows which fields carry its answer and
 * when that answer is final.
 *
 * @param kind    what the trader asked for
 * @param type    the request type (its flag, payload and answer fields)
 * @param clear   fields the UI deletes first, one HDEL each
 * @param write   the one HSET
 * @param payload the payload written (empty for a bare flag)
 */
record UiRequest(Kind kind, RequestType type, List<String> clear, Map<String, String> write, String payload) {

    /** What a trader asks for; several kinds share a request type. */
    enum Kind {
        SINGLE_MARKET,
        SINGLE_LIMIT,
        MULTI,
        EQUITY,
        MODIFY,
        CANCEL,
        EXIT_ALL,
        ORDERBOOK,
        POSITION,
        BALANCE,
        TRADEBOOK,
        HOLDINGS,
        CHECK_SESSION,
        LOGIN
    }

    /** An order request with a payload: HDEL payload, status, message; HSET flag, payload, status. */
    static UiRequest order(Kind kind, RequestType type, String payload) {
        List<String> clear = new ArrayList<>();
        type.payloadField().ifPresent(clear::add);
        type.statusField().ifPresent(clear::add);
        type.messageField().ifPresent(clear::add);
        Map<String, String> write = new LinkedHashMap<>();
        write.put(type.flagField(), Flags.REQUESTED);
        type.payloadField().ifPresent(field -> write.put(field, payload));
        type.statusField().ifPresent(field -> write.put(field, Flags.STATUS_PROCESSING));
        return new UiRequest(kind, type, List.copyOf(clear), write, payload);
    }

    /** A report: the UI only sets the flag (and reads the file 1-3 s later). */
    static UiRequest report(Kind kind, RequestType type) {
        return new UiRequest(kind, type, List.of(), Map.of(type.flagField(), Flags.REQUESTED), "");
    }

    /** Fields read while waiting: the flag, then every answer field of the type. */
    List<String> answerFields() {
        List<String> fields = new ArrayList<>();
        fields.add(type.flagField());
        type.statusField().ifPresent(fields::add);
        type.messageField().ifPresent(fields::add);
        type.resultField().ifPresent(fields::add);
        type.reportTimeField().ifPresent(fields::add);
        type.reportFailureField().ifPresent(fields::add);
        if (type == RequestType.LOGIN) {
            fields.add(RequestType.NEO_LOGIN.statusField().orElseThrow());
        }
        return fields;
    }

    /**
     * The final status, once the answer is there: SUCCESS / FAILED / UNKNOWN for orders (the status word before the
     * colon for equity), fetched / failed for reports, ACTIVE / EXPIRED for a session check.
     */
    Optional<String> finalStatus(Map<String, String> fields) {
        if (type.isReport()) {
            String flag = fields.get(type.flagField());
            return Flags.FETCHED.equals(flag) || Flags.FAILED.equals(flag) ? Optional.of(flag) : Optional.empty();
        }
        String status = fields.get(type.statusField().orElseThrow());
        if (status == null || status.equals(Flags.STATUS_PROCESSING)) {
            return Optional.empty();
        }
        int colon = status.indexOf(':');
        return Optional.of(colon > 0 ? status.substring(0, colon) : status);
    }

    /**
     * What identifies this answer: RESULT_* (it carries the command id and time) for orders, the flag with its time
     * or failure message for reports, status and message otherwise. A second answer to the same request would change
     * it.
     */
    Map<String, String> signature(Map<String, String> fields) {
        Map<String, String> signature = new LinkedHashMap<>();
        for (String field : answerFields()) {
            if (type.resultField().isPresent()
                    && !field.equals(type.resultField().get())) {
                continue;
            }
            signature.put(field, fields.get(field));
        }
        return signature;
    }
}
