/**
 * The instruments bootstrap, {@code neo-bootstrap} ({@link dev.neoagent.bootstrap.BootstrapMain}): the day's Kotak
 * scrip master (nse_fo, nse_cm) downloaded through a {@link dev.neoagent.broker.ScripMasterSource} that needs the
 * consumer key alone, or read from local files. {@code ScripMasterParser} streams each CSV (commons-csv) and classes
 * every row as loaded, skipped or rejected; {@code InstrumentSetBuilder} resolves repeats; {@code LoadValidator}
 * refuses a load that looks wrong; {@code InstrumentLoader} publishes under temporary keys, then renames them all in
 * one MULTI/EXEC, so no reader sees a half-loaded master. {@link dev.neoagent.bootstrap.PaperMaster} generates the
 * synthetic master for paper trading and loads it the same way.
 *
 * <p>Writes the keys of {@code contract.InstrumentKeys} with the {@code instruments.InstrumentMeta} codec; gets its
 * source from {@code BrokerFactory.scripMaster}. Of the project it imports common only, never the agent or the app; the
 * public entry points are {@code BootstrapMain.run} and {@code PaperMaster.load}.
 */
package dev.neoagent.bootstrap;
