/**
 * {@link dev.neoagent.agent.reconcile.Reconciler}: settles a request an agent stopped working on (crash, kill -9, lost
 * lease) from the broker's order book alone, by the order tags that start with the command id its
 * {@link dev.neoagent.agent.order.InFlightRecord} holds. Nothing is ever resent: an order the book has is done or
 * rejected as the book says, one it lacks was not placed, and an unreadable book leaves the outcome UNKNOWN.
 *
 * <p>Returns the finished answer fields ({@code answer.Answers}); the worker writes them. Reads the broker only, no
 * Redis; imports {@code answer}, {@code command}, {@code order}, the broker interface and {@code contract.OrderTags}.
 */
package dev.neoagent.agent.reconcile;
