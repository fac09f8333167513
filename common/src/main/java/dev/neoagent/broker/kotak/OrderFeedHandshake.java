package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code cn} handshake of the order-update feed, and which of its two forms to send. The sources disagree
 * (kotak-neo-streams.md §B): the v3 SDK sends unquoted text, OpenAlgo found that dropped live and sends real JSON.
 * So: JSON first; with no {@code ak} in time, the raw form at once; the form the server answered (ok or nk: either
 * way it understood it) is remembered and sent first on every reconnect. When neither form is answered the round
 * ends and the caller backs off. Used on the feed's thread only.
 */
final class OrderFeedHandshake {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Form {
        /** {@code {"type":"cn","Authorization":"<token>","Sid":"<sid>","src":"WEB"}} */
        JSON,
        /** {@code {type:cn,Authorization:<token>,Sid:<sid>,src:WEB}} */
        RAW;

        Form other() {
            return this == JSON ? RAW : JSON;
        }

        /** The handshake frame; it carries the session's secrets, so it is sent and never logged. */
        String frame(KotakSession session) {
            String token = session.token().reveal();
            String sid = session.sid().reveal();
            if (this == RAW) {
                return "{type:cn,Authorization:" + token + ",Sid:" + sid + ",src:WEB}";
            }
            ObjectNode frame = MAPPER.createObjectNode();
            frame.put("type", "cn");
            frame.put("Authorization", token);
            frame.put("Sid", sid);
            frame.put("src", "WEB");
            return frame.toString();
        }

        /** The text heartbeat, spelt like the handshake the server took. */
        String heartbeat() {
            return this == RAW ? "{type:hb}" : "{\"type\":\"hb\"}";
        }
    }

    /** The form the server last answered; null until it answered one. */
    private Form remembered;

    private Form next = Form.JSON;
    private boolean triedOtherThisRound;

    /** The form to send on the next connection. */
    Form next() {
        return next;
    }

    /** The form the server answered last, or null. */
    Form remembered() {
        return remembered;
    }

    /** The server answered {@code form} (ok or nk): send it first from now on. */
    void answered(Form form) {
        remembered = form;
        next = form;
        triedOtherThisRound = false;
    }

    /**
     * No {@code ak} came for {@code form}. Returns true when the other form should be tried at once; false when both
     * went unanswered this round (the caller backs off, and the next round starts again with the remembered form).
     */
    boolean unanswered(Form form) {
        if (!triedOtherThisRound) {
            triedOtherThisRound = true;
            next = form.other();
            return true;
        }
        triedOtherThisRound = false;
        next = remembered != null ? remembered : Form.JSON;
        return false;
    }
}
