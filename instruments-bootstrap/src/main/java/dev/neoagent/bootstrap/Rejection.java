package dev.neoagent.bootstrap;

/**
 * A row that should have been loaded and was not, with where it is.
 *
 * @param file segment code of the file ({@code nse_fo})
 * @param line 1-based line in the file (the header is line 1)
 */
record Rejection(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + " line " + line + ": " + reason;
    }
}
