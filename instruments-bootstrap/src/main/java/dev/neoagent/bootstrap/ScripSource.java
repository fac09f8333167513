package dev.neoagent.bootstrap;

import dev.neoagent.broker.ScripMasterSource;
import dev.neoagent.domain.Segment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** One scrip-master CSV to read: which segment it is for, where it is (for the report), how to open it. */
sealed interface ScripSource permits ScripSource.LocalFile, ScripSource.Download, ScripSource.Generated {

    Segment segment();

    /** Path or URL, as shown in the report and recorded in NEO_INSTR_INFO. */
    String location();

    /** A fresh stream over the whole file; the caller closes it. */
    InputStream open() throws IOException;

    /** A file on disk ({@code --file nse_fo=PATH}). */
    record LocalFile(Segment segment, Path path) implements ScripSource {
        public LocalFile {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String location() {
            return path.toString();
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }

    /** A file from the broker's scrip-master list, streamed over HTTP (never saved whole). */
    record Download(Segment segment, URI uri, ScripMasterSource broker) implements ScripSource {
        public Download {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(broker, "broker");
        }

        @Override
        public String location() {
            return uri.toString();
        }

        @Override
        public InputStream open() {
            return broker.openScripMaster(uri);
        }
    }

    /**
     * A file generated in memory ({@code --paper}, see {@link PaperMaster}); {@code location} says what it is
     * (it is recorded in NEO_INSTR_INFO.source, so a synthetic master is never taken for a real one).
     */
    record Generated(Segment segment, String location, byte[] content) implements ScripSource {
        public Generated {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(content);
        }
    }
}
