/**
 * The spot poller: the NIFTY 50 and NIFTY BANK index values in Redis ({@code NF_SPOT}, {@code BN_SPOT} and their
 * {@code _TS} timestamps, {@code shared/redis-contract.md} §1), which the level engine and the UIs read.
 *
 * <p>{@link dev.neoagent.agent.spot.SpotPoller} asks the broker for both indices in one quotes call and writes
 * the four keys in one {@code MSET}. {@link dev.neoagent.agent.spot.SpotSettings} holds its environment settings,
 * {@link dev.neoagent.agent.spot.MarketHours} decides between the fast and the slow interval, and
 * {@link dev.neoagent.agent.spot.SpotIndex} / {@link dev.neoagent.agent.spot.SpotValue} are what a reader (the
 * level engine) uses to find and read a value with its age.
 *
 * <p>Exchange holidays are not known: on a holiday that falls on a weekday the poller polls at the market-hours
 * rate although nothing moves. That costs one quotes call a second and is otherwise harmless, because the
 * timestamp written is Kotak's own update time of the quote, which stays at the last trading day's close, so
 * staleness checks still see an old value.
 *
 * <p>Imports the broker interface (one quotes call), Lettuce, {@code config} (the settings) and the contract's
 * {@code SpotKeys}; nothing else of the agent.
 */
package dev.neoagent.agent.spot;
