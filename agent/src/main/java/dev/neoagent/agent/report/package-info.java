/**
 * Broker reports (funds, positions, order book, trade book, holdings) written as the CSV files the
 * existing Streamlit UI reads, in the XTS-era column names and values it was written against
 * (ui-contract §4, redis-contract §2.6). Entry point: {@link dev.neoagent.agent.report.ReportFiles}.
 *
 * <p>Given domain rows (the dispatcher reads them from the broker) and an {@code InstrumentLookup} for the XTS display
 * names; imports no Redis client, no broker and nothing else of the agent.
 */
package dev.neoagent.agent.report;
