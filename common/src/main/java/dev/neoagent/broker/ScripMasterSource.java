package dev.neoagent.broker;

import dev.neoagent.domain.ScripMasterFiles;
import java.io.InputStream;
import java.net.URI;

/** Where the day's scrip-master CSVs come from: the broker lists them, then each is downloaded. */
public interface ScripMasterSource extends AutoCloseable {
    /** Where today's scrip-master files are. Needs no trading session. */
    ScripMasterFiles scripMasterFiles();

    /** Opens one scrip-master CSV as a stream; the caller closes it. */
    InputStream openScripMaster(URI file);

    @Override
    void close();
}
