/**
 * Paper trading: a {@link dev.neoagent.broker.BrokerAdapter} that trades against a simulated market
 * instead of Kotak Neo, with the same domain answers and Kotak-like refusals.
 *
 * <ul>
 *   <li>{@link dev.neoagent.broker.paper.PaperMarket}: one per process, shared by every paper user.
 *       NIFTY and BANKNIFTY (and any stock asked for) move as a geometric random walk, or, with a
 *       swing configured (the demo), the indices swing regularly around their start; option
 *       premiums come from {@link dev.neoagent.broker.paper.Black76}.</li>
 *   <li>{@link dev.neoagent.broker.paper.PaperBroker}: one per paper user; order book, trade book,
 *       positions and funds, with the margin model of {@code PaperMargins}. It has both feeds the agent
 *       uses with Kotak: a market feed (NIFTY 50 and NIFTY BANK after every market move) and an order feed
 *       (each order as the book shows it after every change), both through {@code PaperFeed}.</li>
 *   <li>{@link dev.neoagent.broker.paper.PaperStore}: the user's {@code paper-state.json}, rewritten
 *       atomically after every change, so an agent restart loses nothing; changed under a lock that
 *       holds across processes, so two agents on one account do not lose each other's orders.</li>
 *   <li>{@link dev.neoagent.broker.paper.PaperSettings}: {@code NEO_PAPER_*} settings.</li>
 * </ul>
 *
 * <p>Imports the domain, {@code instruments} (contracts come from the instrument master), {@code config}, and
 * {@link dev.neoagent.broker.kotak.KotakCodes} for the Kotak texts it imitates (order statuses, segment codes).
 *
 * <p>Wiring, once per process, as {@link dev.neoagent.broker.factory.BrokerFactory} does it:
 * <pre>{@code
 * PaperSettings paper = PaperSettings.from(env);
 * PaperMarket market = PaperMarket.create(paper);
 * market.scheduleTicks(scheduler);                      // a move every NEO_PAPER_TICK_MS
 * BrokerAdapter broker = new PaperBroker(uid, market, instrumentLookup,
 *         new PaperStore(home.resolve(uid)), paper, Clock.systemUTC());
 * }</pre>
 */
package dev.neoagent.broker.paper;
