package dev.neoagent.domain;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The day's scrip-master CSV locations, as the broker lists them. */
public record ScripMasterFiles(List<URI> files) {
    public ScripMasterFiles {
        files = List.copyOf(Checks.nonNull(files, "files"));
    }

    /**
     * The file for a segment, picked by file name rather than by position (the list order has
     * changed between API versions). {@code nse_cm} matches {@code nse_cm-v1.csv} and not
     * {@code nse_com.csv}.
     */
    public Optional<URI> forSegment(String segmentCode) {
        return files.stream()
                .filter(uri -> fileName(uri).startsWith(segmentCode + ".")
                        || fileName(uri).startsWith(segmentCode + "-"))
                .findFirst();
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
