package dev.neoagent.bootstrap;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Remembers the last character read, so the parser can tell a complete file (Kotak's end with a newline) from
 * one cut off mid-row by a dropped connection, which would otherwise parse as a shorter last row.
 */
final class TrackingReader extends FilterReader {
    private int last = -1;

    TrackingReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            last = c;
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            last = buffer[offset + n - 1];
        }
        return n;
    }

    /** True when something was read and the last character was a line feed. */
    boolean endedWithNewline() {
        return last == '\n';
    }
}
