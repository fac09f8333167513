package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.testing.Accounts.Account;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;

/** Order book, trade book, positions, holdings and limits of one account. */
final class ReportApi {
    private final KotakState state;

    ReportApi(KotakState state) {
        this.state = state;
    }

    /** Newest order first. An empty day answers Ok with an empty list. */
    MockResponse orderBook(Account account) {
        ObjectNode body = Replies.okEnvelope("Ok");
        ArrayNode data = body.putArray("data");
        for (Order order : state.engine.ordersOf(account.user.ucc()).reversed()) {
            data.add(BookRenderer.orderRow(order));
        }
        return Replies.json(200, body);
    }

    /** Note the lowercase "ok" the real trade book and positions use. */
    MockResponse tradeBook(Account account) {
        ObjectNode body = Replies.okEnvelope("ok");
        ArrayNode data = body.putArray("data");
        for (Fill fill : state.engine.fillsOf(account.user.ucc()).reversed()) {
            data.add(BookRenderer.tradeRow(fill, account.pan));
        }
        return Replies.json(200, body);
    }

    MockResponse positions(Account account) {
        ObjectNode body = Replies.okEnvelope("ok");
        List<Fill> fills = state.engine.fillsOf(account.user.ucc());
        body.set("data", PortfolioRenderer.positions(account.user.ucc(), fills));
        return Replies.json(200, body);
    }

    MockResponse holdings(Account account) {
        ObjectNode body = Json.object();
        body.set("data", PortfolioRenderer.holdings(state.engine.fillsOf(account.user.ucc())));
        return Replies.json(200, body);
    }

    /** The jData ({@code seg}/{@code exch}/{@code prod}) is checked for string values only. */
    MockResponse limits(Account account, String formBody, Instant now) {
        JData.Parsed parsed = JData.parse(formBody);
        if (parsed.failed()) {
            return parsed.error();
        }
        return Replies.json(
                200, PortfolioRenderer.limits(account.cash, state.engine.marginUsed(account.user.ucc()), now));
    }
}
