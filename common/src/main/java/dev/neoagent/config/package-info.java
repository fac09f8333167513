/**
 * Configuration, read once at start-up and immutable afterwards.
 *
 * <ul>
 *   <li>{@link dev.neoagent.config.AgentConfig} - process-wide settings (Redis, neo home, HTTP), built from
 *       environment variables; {@link dev.neoagent.config.AgentConfig#SETTINGS} lists them for the CLI and README.</li>
 *   <li>{@link dev.neoagent.config.UserConfig} - one broker account, loaded from
 *       {@code <neoHome>/<uid>/<uid>.json} by {@link dev.neoagent.config.UserConfigLoader}.</li>
 *   <li>{@link dev.neoagent.config.Secret} - a credential that prints as {@code ****}.</li>
 * </ul>
 *
 * <p>Every problem is reported as a {@link dev.neoagent.config.ConfigException} whose message names where the
 * bad value came from (file and field, or environment variable) so that an operator can fix it without a
 * debugger. Messages and log lines never contain a secret value.
 */
package dev.neoagent.config;
