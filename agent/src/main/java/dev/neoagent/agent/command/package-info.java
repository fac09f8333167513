/**
 * A claimed request as a value. {@link dev.neoagent.agent.command.ClaimedRequest} is what the atomic claim read (the
 * payload, the kill switches, which instrument load is live); {@link dev.neoagent.agent.command.CommandParser} turns
 * its payload into the sealed {@link dev.neoagent.agent.command.Command}, one case per request family and one switch in
 * the worker's {@code Dispatcher} to serve it, or throws an {@link dev.neoagent.agent.command.InvalidRequestException}
 * naming the field; {@link dev.neoagent.agent.command.CommandId} is the id every order tag of the request starts with.
 *
 * <p>Syntax only: whether a contract exists and a quantity fits it is {@code order.OrderPlanner}'s question. Imports
 * the domain, the contract and Jackson; no Redis, no broker.
 */
package dev.neoagent.agent.command;
