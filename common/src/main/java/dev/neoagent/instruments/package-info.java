/**
 * The instrument master's values, with the writer (the bootstrap) and the readers (the agent, the paper broker,
 * the CLI) of each layout side by side: {@link dev.neoagent.instruments.InstrumentMeta} is one contract of
 * {@code NEO_INSTR_META} (symbol, segment, expiry, strike, lot size, tick, freeze quantity) and
 * {@link dev.neoagent.instruments.ExpiryList} a {@code NEO_INSTR_EXPIRIES} value.
 * {@link dev.neoagent.instruments.InstrumentLookup} finds a loaded contract; the paper broker and the report writers
 * take one, the agent's {@code order.InstrumentResolver} implements it over Redis.
 *
 * <p>Codecs only, no Redis client: imports the domain, {@code contract} (segment and strike spellings), {@code json}
 * and Jackson.
 */
package dev.neoagent.instruments;
