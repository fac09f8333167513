package dev.neoagent.agent.command;

import dev.neoagent.contract.RequestType;
import java.util.List;
import java.util.Objects;

/** A parsed request. One pattern-matching switch in the dispatcher handles every case. */
public sealed interface Command {

    /** Log in now (TOTP + MPIN). {@code family} says which status fields the requester reads. */
    record Login(RequestType family) implements Command {}

    /** Prove the session works with a real authenticated call. */
    record CheckSession() implements Command {}

    /** One or more option legs; {@code single} selects the single-leg answer texts. */
    record PlaceOptions(List<OptionLeg> legs, boolean single) implements Command {
        public PlaceOptions {
            legs = List.copyOf(legs);
            if (legs.isEmpty()) {
                throw new IllegalArgumentException("no legs");
            }
        }
    }

    record PlaceEquity(EquityOrder order) implements Command {
        public PlaceEquity {
            Objects.requireNonNull(order, "order");
        }
    }

    /** Close the listed positions (the token is the key, the symbol a cross-check). */
    record SquareOff(List<SquareOffItem> items) implements Command {
        public SquareOff {
            items = List.copyOf(items);
        }
    }

    /** Close every open position of the user. */
    record SquareOffAll() implements Command {}

    record FetchReport(RequestType report) implements Command {}
}
