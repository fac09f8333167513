package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static dev.neoagent.broker.paper.TestInstruments.RELIANCE;

import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link PaperSharedAccountTest}: one more agent trading on a paper account.
 * Opens the account, creates {@code <signals>/<name>.ready}, waits for a line on stdin, then places
 * its orders one after the other and exits 0. Opening first and trading only on the go makes both
 * children hold the same book in memory before either writes: the case the account lock is for.
 *
 * <p>Arguments: account folder, signal folder, name (the tag prefix), number of orders.
 */
final class PaperAccountWriter {
    private PaperAccountWriter() {}

    public static void main(String[] args) throws Exception {
        Path account = Path.of(args[0]);
        Path signals = Path.of(args[1]);
        String name = args[2];
        int orders = Integer.parseInt(args[3]);

        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(name.hashCode()), clock);
        try (PaperBroker broker = new PaperBroker(
                name, market, new TestInstruments(), new PaperStore(account), PaperSettings.defaults(), clock)) {
            Files.createFile(signals.resolve(name + ".ready"));
            if (System.in.read() < 0) {
                throw new IllegalStateException("the test went away before saying go");
            }
            for (int i = 0; i < orders; i++) {
                broker.placeOrder(order(name + i, i));
            }
        }
    }

    /** Every other order fills at once (a fill number is used up too), the others rest far below the market. */
    static OrderRequest order(String tag, int i) {
        return i % 2 == 0
                ? OrderRequest.market(
                        RELIANCE.segment(), RELIANCE.tradingSymbol(), Side.BUY, 1, Product.CNC, new OrderTag(tag))
                : OrderRequest.limit(
                        NIFTY_CE.segment(),
                        NIFTY_CE.tradingSymbol(),
                        Side.BUY,
                        65,
                        new BigDecimal("0.05"),
                        Product.NRML,
                        new OrderTag(tag));
    }
}
