/**
 * Configuration, read once at start-up and immutable afterwards.
 *
 * <ul>
 *   <li>{@link dev.neoagent.config.AgentConfig} - process-wide settings (Redis, neo home, login URL, users, HTTP),
 *       built from environment variables with a command line's flags laid over them;
 *       {@link dev.neoagent.config.AgentConfig#SETTINGS} lists them for the CLI.</li>
 *   <li>{@link dev.neoagent.config.Setting} - one setting: variable, flag, default, description.
 *       {@link dev.neoagent.config.SettingsReader} is the one way every settings record reads its settings, here
 *       and in other packages ({@code PaperSettings}, {@code BrokerFactory.BROKER}, the agent's
 *       {@code AgentSettings}, {@code SpotSettings}, {@code HealthSettings}).</li>
 *   <li>{@link dev.neoagent.config.UserConfig} - one broker account with its {@link dev.neoagent.config.RiskLimits},
 *       loaded from {@code <neoHome>/<uid>/<uid>.json} by {@link dev.neoagent.config.UserConfigLoader}.</li>
 *   <li>{@link dev.neoagent.config.RedisEndpoint} - the Redis URL (one server, TLS, Sentinel, ACL user) and the CA
 *       file, read as lettuce reads them, and the clients made from them: one place for the agent, the CLI and the
 *       bootstrap.</li>
 *   <li>{@link dev.neoagent.config.Secret} - a credential that prints as {@code ****}.</li>
 * </ul>
 *
 * <p>Every problem is reported as a {@link dev.neoagent.config.ConfigException} whose message names where the
 * bad value came from (file and field, or environment variable) so that an operator can fix it without a
 * debugger. Messages and log lines never contain a secret value. Imports Jackson (the user files), lettuce
 * ({@code RedisEndpoint}) and nothing of the project.
 */
package dev.neoagent.config;
