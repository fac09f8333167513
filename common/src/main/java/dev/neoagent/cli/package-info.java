/**
 * What both command lines share, the app's {@code neo-agent} and the bootstrap's {@code neo-bootstrap}, so they
 * behave alike: {@link dev.neoagent.cli.SettingFlags} offers {@link dev.neoagent.config.Setting}s as flags, from the
 * same constants the environment is read with, and lays the given values over the environment;
 * {@link dev.neoagent.cli.OneLineErrors} turns a usage error or an unexpected failure into one line on stderr and
 * the command's exit code.
 *
 * <p>The only package of {@code common} that imports picocli; of the project it imports {@code config} only. The
 * commands themselves live in the modules that run them.
 */
package dev.neoagent.cli;
