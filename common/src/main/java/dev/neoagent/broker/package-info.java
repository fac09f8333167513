/**
 * The broker seam. {@link dev.neoagent.broker.BrokerAdapter} is one broker account in domain terms (orders sent at most
 * once, reads retryable); {@link dev.neoagent.broker.BrokerException} is sealed, one subtype per thing the caller must
 * do differently (log in again, give up, read again, reconcile). {@link dev.neoagent.broker.ScripMasterSource} is the
 * part the bootstrap needs (the day's scrip-master files, no session) and {@link dev.neoagent.broker.BrokerStats} the
 * counters the agent's metrics read.
 *
 * <p>The interfaces import only the domain; the implementations ({@code broker.kotak}, {@code broker.paper}) depend
 * on them, and {@link dev.neoagent.broker.factory.BrokerFactory}, in a package of its own, builds a user's adapter.
 * Nothing here knows Redis or the agent.
 */
package dev.neoagent.broker;
