/**
 * The {@code neo-agent} command line (picocli): {@link dev.neoagent.app.cli.Cli} and its commands {@code run},
 * {@code demo}, {@code test-broker} and the operator commands {@code order} ({@code single}, {@code multi},
 * {@code level}, {@code equity}), {@code modify}, {@code cancel}, {@code exit-all}, {@code orders}, {@code status},
 * {@code halt}, {@code resume}, {@code tail}. The operator commands use Redis only, through one short-lived
 * {@link dev.neoagent.app.cli.RedisSession}: they write a request exactly as the UI does ({@code UiRequest},
 * {@code UiJson}, {@code RequestRoundTrip}), wait for the agent's answer and map it to an exit code.
 * {@code test-broker} logs in to Kotak directly with one user's config.
 *
 * <p>The environment is passed in, never read deep inside; a failure is one line on stderr
 * ({@link dev.neoagent.app.cli.CliFailure}, common's {@code OneLineErrors}). Besides common, imports the agent's
 * {@code InstrumentResolver} (lot sizes, tokens), {@code AgentLease}, {@code SpotIndex} and settings records, and
 * {@code broker.kotak} for {@code test-broker}.
 */
package dev.neoagent.app.cli;
