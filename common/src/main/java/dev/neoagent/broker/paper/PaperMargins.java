package dev.neoagent.broker.paper;

import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The paper account's margin model: simple, conservative, and stated in one place.
 *
 * <table>
 *   <caption>Margin per open unit</caption>
 *   <tr><th></th><th>long</th><th>short</th></tr>
 *   <tr><td>option</td><td>premium paid (average buy price)</td>
 *       <td>{@value #WRITING_RATE_TEXT} of the underlying's level (SPAN + exposure, roughly)</td></tr>
 *   <tr><td>future</td><td colspan="2">{@value #WRITING_RATE_TEXT} of the contract's last price</td></tr>
 *   <tr><td>stock</td><td>price paid (no leverage)</td><td>last price (no leverage)</td></tr>
 * </table>
 *
 * <p>A working order blocks the margin of the units it would <em>open</em>, priced at its limit
 * price (or the last price for a market order); units that close an existing position block
 * nothing, so an exit is never refused for lack of funds.
 *
 * <p>Funds: {@code available = capital + realised P&L − margin used}, where margin used is the
 * positions' margin plus the working orders' blocks. Unrealised P&amp;L is left out, and so is the
 * premium received for writing an option until the position is closed: both only make the account
 * look poorer than a real one, never richer.
 */
final class PaperMargins {
    static final BigDecimal WRITING_RATE = new BigDecimal("0.12");
    static final String WRITING_RATE_TEXT = "12 %";

    private final PaperMarket market;

    PaperMargins(PaperMarket market) {
        this.market = market;
    }

    /** Funds needed to open {@code quantity} new units at {@code price}. */
    BigDecimal forOpening(InstrumentMeta contract, Side side, int quantity, BigDecimal price) {
        if (quantity == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal units = BigDecimal.valueOf(quantity);
        if (contract.isOption()) {
            return side == Side.BUY ? money(price.multiply(units)) : writing(contract, quantity);
        }
        if (isDerivative(contract.segment())) {
            return money(WRITING_RATE.multiply(price).multiply(units));
        }
        return money(price.multiply(units));
    }

    /** Margin a position holds now (short options and futures follow the market). */
    BigDecimal forPosition(PaperPosition position) {
        int net = position.net();
        if (net == 0) {
            return BigDecimal.ZERO;
        }
        InstrumentMeta contract = position.contract();
        BigDecimal units = BigDecimal.valueOf(Math.abs(net));
        if (contract.isOption()) {
            return net > 0 ? money(position.openLongCost()) : writing(contract, -net);
        }
        BigDecimal last = market.lastPrice(contract);
        if (isDerivative(contract.segment())) {
            return money(WRITING_RATE.multiply(last).multiply(units));
        }
        return net > 0 ? money(position.openLongCost()) : money(last.multiply(units));
    }

    /** The account's funds, derived from the book and the market. */
    Funds funds(PaperBook book) {
        List<PaperPosition> positions = PaperPosition.of(book.fills());
        BigDecimal realised = BigDecimal.ZERO;
        BigDecimal positionMargin = BigDecimal.ZERO;
        for (PaperPosition position : positions) {
            realised = realised.add(position.realisedPnl());
            positionMargin = positionMargin.add(forPosition(position));
        }
        BigDecimal orderMargin =
                book.workingOrders().stream().map(PaperOrder::blockedMargin).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Funds(book.capital(), money(realised), positionMargin, orderMargin);
    }

    private BigDecimal writing(InstrumentMeta contract, int quantity) {
        return money(WRITING_RATE.multiply(market.underlyingLevel(contract)).multiply(BigDecimal.valueOf(quantity)));
    }

    static boolean isDerivative(Segment segment) {
        return switch (segment) {
            case NSE_FO, BSE_FO, MCX_FO, CDE_FO -> true;
            case NSE_CM, BSE_CM -> false;
        };
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** Capital, realised P&amp;L and the two kinds of margin in use; the rest follows. */
    record Funds(BigDecimal capital, BigDecimal realisedPnl, BigDecimal positionMargin, BigDecimal orderMargin) {

        BigDecimal marginUsed() {
            return positionMargin.add(orderMargin);
        }

        BigDecimal available() {
            return money(capital.add(realisedPnl).subtract(marginUsed()));
        }

        Limits toLimits() {
            return new Limits(
                    available(),
                    money(marginUsed()),
                    money(capital),
                    BigDecimal.ZERO.setScale(2),
                    BigDecimal.ZERO.setScale(2));
        }
    }
}
