/**
 * {@link dev.neoagent.json.PythonJson}: the one writer of the JSON layout of Python's {@code json.dumps}
 * ({@code ", "} and {@code ": "} separators, non-ASCII escaped), which the existing UI writes and Kotak's Python SDK
 * sends as {@code jData}. Used by the Kotak client's {@code jData}, the instrument codec, the agent's answers, the
 * bootstrap and the CLI's UI payloads, so each writes byte for byte what the Python side would.
 *
 * <p>Imports Jackson and nothing of the project.
 */
package dev.neoagent.json;
