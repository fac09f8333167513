/**
 * {@link dev.neoagent.agent.audit.AuditLog}: the {@code NEO_AUDIT:<uid>} stream, capped, one entry per claimed
 * request, broker call and answer, enough to explain every order afterwards ({@code neo-agent tail} and
 * {@code status} read it). Writes are asynchronous and best effort, so a lost audit line never fails or delays an
 * order; entries hold domain values only, never headers or credentials.
 *
 * <p>Imports Lettuce's async API and the contract's key names, nothing else of the agent.
 */
package dev.neoagent.agent.audit;
