/**
 * Which broker a user trades on: {@link dev.neoagent.broker.factory.BrokerFactory} makes a Kotak Neo adapter or a
 * paper broker per user (and, for the bootstrap, a scrip-master source that needs the consumer key only), from the
 * process settings and the user's config. The one package that knows both broker implementations, so that
 * {@code broker} itself stays an interface the implementations depend on.
 */
package dev.neoagent.broker.factory;
