package dev.neoagent.testing;

import java.util.List;
import java.util.Objects;

/**
 * One account's end of the fake order-update feed ({@code kotak-neo-streams.md} §B), from
 * {@link FakeKotakServer#orderFeed(String)}: what the test can make it do and what it received. The fake pushes an
 * {@code order} message to the account's connected feeds on every state change of its orders by itself; the
 * methods here add the frames and faults a client must survive. Thread-safe.
 */
public final class FakeOrderFeed {
    /** The two spellings of the {@code cn} handshake the sources disagree on. */
    public enum Form {
        /** Real JSON: {@code {"type":"cn","Authorization":"<token>","Sid":"<sid>","src":"WEB"}}. */
        JSON,
        /** The v3 SDK's unquoted text: {@code {type:cn,Authorization:<token>,Sid:<sid>,src:WEB}}. */
        RAW
    }

    /** Which handshake forms the feed understands; a form it does not is ignored without an answer. */
    public enum AcceptedForms {
        JSON,
        RAW,
        BOTH;

        boolean accepts(Form form) {
            return this == BOTH || name().equals(form.name());
        }
    }

    /** What the feed did with a handshake. */
    public enum Outcome {
        /** Token and sid of the account's live session: answered {@code {"ak":"ok",...}}. */
        ACCEPTED,
        /** A form the feed does not accept: no answer at all (the client has to time out). */
        IGNORED,
        /** Not the account's live session (or {@link #refuseHandshakes}): answered {@code {"ak":"nk",...}}, closed. */
        REFUSED
    }

    /** One handshake the feed received for this account, in arrival order. */
    public record Handshake(Form form, Outcome outcome) {}

    private final KotakState state;
    private final String ucc;

    FakeOrderFeed(KotakState state, String ucc) {
        this.state = state;
        this.ucc = ucc;
    }

    /** Which handshake forms are answered from now on; {@link AcceptedForms#BOTH} by default. */
    public FakeOrderFeed setAcceptedForms(AcceptedForms forms) {
        synchronized (state.lock) {
            state.feeds.account(ucc).accepted = Objects.requireNonNull(forms);
        }
        return this;
    }

    /** While {@code refuse} is true, every handshake is answered {@code nk}, even one with the live session. */
    public FakeOrderFeed refuseHandshakes(boolean refuse) {
        synchronized (state.lock) {
            state.feeds.account(ucc).refuseAll = refuse;
        }
        return this;
    }

    /** The handshakes received so far that carried one of this account's tokens (live or expired). */
    public List<Handshake> handshakes() {
        synchronized (state.lock) {
            return List.copyOf(state.feeds.account(ucc).handshakes);
        }
    }

    /** Connections open now and authenticated as this account. */
    public int connections() {
        synchronized (state.lock) {
            return state.feeds.account(ucc).live.size();
        }
    }

    /** Text heartbeats ({@code {"type":"hb"}}, either spelling) received on this account's connections. */
    public int heartbeats() {
        synchronized (state.lock) {
            return state.feeds.account(ucc).heartbeats;
        }
    }

    /** Drops every connection of the account at once, without a close frame (a network failure). */
    public void drop() {
        synchronized (state.lock) {
            state.feeds.drop(ucc);
        }
    }

    /**
     * Sends a partial order frame as kotak-neo-api#131 reports them: only {@code ordSt}, {@code nOrdNo},
     * {@code ordValDt}, {@code strategyCode} and {@code hsUpTm}. The fake's book does not change.
     */
    public void sendPartial(String orderNo, String ordSt) {
        synchronized (state.lock) {
            state.feeds.sendPartial(ucc, Objects.requireNonNull(orderNo), Objects.requireNonNull(ordSt));
        }
    }

    /** Sends this text frame as it is (malformed input, a {@code position} message, anything) to the account. */
    public void sendRaw(String text) {
        synchronized (state.lock) {
            state.feeds.sendRaw(ucc, Objects.requireNonNull(text));
        }
    }
}
