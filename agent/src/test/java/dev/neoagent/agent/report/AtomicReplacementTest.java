package dev.neoagent.agent.report;

import static dev.neoagent.agent.report.Rows.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed write must leave the previous file exactly as it was and no temporary file behind.
 * Failures are injected (tests may run as root, where read-only folders do not stop writes) or
 * provoked with folders standing where files should be.
 */
class AtomicReplacementTest {
    private static final String UID = "ITC2766";
    private static final String PREVIOUS = "TradingSymbol,Quantity\nPREVIOUS ROW,65\n";

    @TempDir
    Path home;

    private Path positionsFile;

    @BeforeEach
    void previousFile() throws IOException {
        positionsFile = Files.createDirectories(home.resolve(UID)).resolve("positions.csv");
        Files.writeString(positionsFile, PREVIOUS);
    }

    private static List<Position> onePosition() {
        return List.of(position("NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.NRML, 65, 0, "7800", "0", 65));
    }

    private List<String> filesInUserFolder() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve(UID))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failureWhileWritingKeepsThePreviousFileAndRemovesTheTemporaryOne() throws IOException {
        AtomicFileWriter diskFull = new AtomicFileWriter() {
            @Override
            void writeTemp(Path temp, byte[] content) throws IOException {
                Files.write(temp, Arrays.copyOf(content, content.length / 2)); // half written
                throw new IOException("No space left on device");
            }
        };
        ReportFiles reports = new ReportFiles(home, diskFull);

        assertThatThrownBy(() -> reports.writePositions(UID, onePosition(), FakeInstruments.standard()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(positionsFile.toString())
                .hasMessageContaining("No space left on device");
        assertThat(Files.readString(positionsFile)).isEqualTo(PREVIOUS);
        assertThat(filesInUserFolder()).containsExactly("positions.csv");
    }

    @Test
    void failingRenameKeepsThePreviousFileAndRemovesTheTemporaryOne() throws IOException {
        Path[] seenTemp = new Path[1];
        AtomicFileWriter renameFails = new AtomicFileWriter() {
            @Override
            void moveIntoPlace(Path temp, Path target) throws IOException {
                seenTemp[0] = temp;
                throw new IOException("rename refused");
            }
        };
        ReportFiles reports = new ReportFiles(home, renameFails);

        assertThatThrownBy(() -> reports.writePositions(UID, onePosition(), FakeInstruments.standard()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("positions.csv")
                .hasMessageContaining("rename refused");
        // the temporary file sat beside the target, named after it
        assertThat(seenTemp[0].getParent()).isEqualTo(positionsFile.getParent());
        assertThat(seenTemp[0].getFileName().toString()).matches("positions\\.csv\\.tmp-[0-9a-f]{16}");
        assertThat(Files.readString(positionsFile)).isEqualTo(PREVIOUS);
        assertThat(filesInUserFolder()).containsExactly("positions.csv");
    }

    @Test
    void realRenameFailureOverANonEmptyFolderIsReportedAndCleanedUp() throws IOException {
        Path orderBook = Files.createDirectories(home.resolve(UID).resolve("orderbook.csv"));
        Files.writeString(orderBook.resolve("keep.txt"), "x");

        assertThatThrownBy(() -> new ReportFiles(home).writeOrderBook(UID, List.of(), FakeInstruments.standard()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("could not write " + orderBook);
        assertThat(orderBook.resolve("keep.txt")).hasContent("x");
        assertThat(filesInUserFolder()).containsExactly("orderbook.csv", "positions.csv");
    }

    @Test
    void userFolderThatIsAFileIsReported() throws IOException {
        Files.writeString(home.resolve("AB123"), "not a folder");

        assertThatThrownBy(() -> new ReportFiles(home).writeHoldings("AB123", List.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(
                        home.resolve("AB123").resolve("holdings.csv").toString());
        assertThat(home.resolve("AB123")).hasContent("not a folder");
    }

    @Test
    void successfulWriteReplacesTheWholeFile() throws IOException {
        new ReportFiles(home).writePositions(UID, onePosition(), FakeInstruments.standard());

        assertThat(Files.readString(positionsFile, StandardCharsets.UTF_8))
                .startsWith("TradingSymbol,ExchangeInstrumentId,")
                .doesNotContain("PREVIOUS")
                .endsWith("NIFTY 27JAN2026 CE 26000,58801,NRML,65,120.00,0,65,0,65,7800,0,-7800\n");
        assertThat(filesInUserFolder()).containsExactly("positions.csv");
    }
}
