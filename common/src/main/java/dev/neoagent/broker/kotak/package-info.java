/**
 * The Kotak Neo Trade API client ({@code shared/reference/kotak-neo-wire.md}), in two layers:
 * {@code KotakRestClient} has one method per endpoint in wire terms, {@link dev.neoagent.broker.kotak.KotakNeoAdapter}
 * speaks domain types (logs in with TOTP + MPIN when needed, logs in again once on an expired session, retries
 * reads, never an order). Requests are built by {@code KotakWire}, answers read by {@code KotakMapper}, every error
 * decided in {@code KotakErrorMapper}, Kotak's codes spelled in {@link dev.neoagent.broker.kotak.KotakCodes}; one
 * {@link dev.neoagent.broker.kotak.RateLimiter} per account. {@link dev.neoagent.broker.kotak.KotakScripMaster} serves
 * the bootstrap with the consumer key alone. {@link dev.neoagent.broker.kotak.KotakOrderFeed} is the order-update
 * websocket ({@code shared/reference/kotak-neo-streams.md} §B), on the adapter's session and HTTP client.
 * {@link dev.neoagent.broker.kotak.KotakMarketFeed} is the SFeed market-data websocket (§A1): {@code SFeedDecoder}
 * reads its binary packets, {@code SFeedControl} its JSON frames, {@code SFeedData} turns packets into ticks.
 * Both feeds take their session through {@code FeedSessions}, run on a {@code FeedThread}, receive through a
 * {@code FeedSocket}, call their listener through {@code ListenerCalls}, space their reconnects with
 * {@code FeedBackoff} and make their URLs with {@code WebSocketUrl}.
 *
 * <p>The only package that imports java-otp ({@link dev.neoagent.broker.kotak.Totp}), resilience4j and okio, and
 * that makes HTTP calls with OkHttp. Imports the domain, {@code config} and {@code json}; never Redis or the agent.
 */
package dev.neoagent.broker.kotak;
