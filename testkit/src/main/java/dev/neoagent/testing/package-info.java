/**
 * Test helpers every module's tests share (test scope only, never in a shipped jar).
 * {@link dev.neoagent.testing.FakeKotakServer} is a stateful fake of the Kotak Neo Trade API over real HTTP
 * (MockWebServer): TOTP login and MPIN validate, orders with a deterministic fill rule, books and portfolio, quotes,
 * the scrip master, the order-update websocket ({@link dev.neoagent.testing.FakeOrderFeed}), and injected faults;
 * {@link dev.neoagent.testing.FakeMarketFeed} is its SFeed market-data websocket.
 * {@link dev.neoagent.testing.RedisTestServer} is a real Redis, the bundled
 * embedded binary or the server {@code NEO_TEST_REDIS_URL} names; {@link dev.neoagent.testing.RedisProcess} runs the
 * same binary with any arguments (a replica, a TLS-only server), {@link dev.neoagent.testing.RedisSentinelSetup} a
 * primary, a replica and a Sentinel that fails over, {@link dev.neoagent.testing.TestCertificate} a self-signed
 * certificate for them; {@link dev.neoagent.testing.LogCapture} records what a class logs. Everything else is
 * package-private.
 *
 * <p>Depends on no project module, so that {@code common}'s own tests can use it; the fake therefore has its own wire
 * helpers ({@code Base32}, {@code Totp}, {@code JData}) written from the wire reference, not borrowed from
 * {@code broker.kotak}.
 */
package dev.neoagent.testing;
