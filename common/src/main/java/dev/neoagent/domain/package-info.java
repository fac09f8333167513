/**
 * The domain: orders, fills, positions, funds and quotes in the agent's own terms, the same for every broker. Typed ids
 * ({@link dev.neoagent.domain.BrokerOrderId}, {@link dev.neoagent.domain.InstrumentToken},
 * {@link dev.neoagent.domain.TradingSymbol}, {@link dev.neoagent.domain.OrderTag}), enums
 * ({@link dev.neoagent.domain.Side}, {@link dev.neoagent.domain.OrderType}, {@link dev.neoagent.domain.Product},
 * {@link dev.neoagent.domain.Segment}, {@link dev.neoagent.domain.OrderStatus}) and records checked in their compact
 * constructors ({@link dev.neoagent.domain.OrderRequest}, {@link dev.neoagent.domain.Order},
 * {@link dev.neoagent.domain.Position}, {@link dev.neoagent.domain.Quote}, {@link dev.neoagent.domain.QuoteKey}): a
 * value that exists is valid. Money is {@code BigDecimal}, quantities are units.
 * {@link dev.neoagent.domain.MarketProtection} is Kotak's market-protection grid and the protective limit an SL-M is
 * sent with.
 *
 * <p>Imports nothing but the JDK. How a broker spells these values stays in its adapter
 * ({@code broker.kotak.KotakCodes}), how Redis spells them in {@code dev.neoagent.contract}.
 */
package dev.neoagent.domain;
