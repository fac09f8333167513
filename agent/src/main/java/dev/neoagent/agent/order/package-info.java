/**
 * From a parsed request to orders at the broker. {@link dev.neoagent.agent.order.OrderPlanner} checks a request against
 * the instrument master and the user's {@code RiskLimits} and plans the exact orders
 * ({@link dev.neoagent.agent.order.PlannedOrder}: units, sliced at the freeze quantity, BUY before SELL);
 * {@link dev.neoagent.agent.order.RiskGuard} keeps the orders-per-minute limit;
 * {@link dev.neoagent.agent.order.OrderExecutor} sends each order at most once, keeps the
 * {@link dev.neoagent.agent.order.InFlightRecord} up to date and settles an unknown outcome from the order book;
 * {@link dev.neoagent.agent.order.OrderResult} and {@link dev.neoagent.agent.order.Outcome} say how it ended.
 *
 * <p>Also the reader of the instrument master: {@link dev.neoagent.agent.order.InstrumentMaster} hands out an
 * {@link dev.neoagent.agent.order.InstrumentResolver} per load (Lettuce). Imports the broker interface, the domain,
 * {@code instruments}, {@code contract}, and the agent's {@code command} and {@code audit}.
 */
package dev.neoagent.agent.order;
