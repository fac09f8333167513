package dev.neoagent.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UiTemplatesTest {
    private static final String UID = "ITC2766";
    private static final String ORDER_BOOK_HEADER = "AppOrderID,TradingSymbol,OptionType,OrderSide,OrderQuantity,"
            + "OrderStatus,OrderAverageTradedPrice,OrderGeneratedDateTime,ExchangeTransactTime\n";
    private static final String POSITIONS_HEADER = "TradingSymbol,ExchangeInstrumentId,ProductType,Marketlot,"
            + "BuyAveragePrice,SellAveragePrice,OpenBuyQuantity,OpenSellQuantity,Quantity,BuyAmount,SellAmount,NetAmount\n";

    @TempDir
    Path home;

    private Path file(String name, String content) throws IOException {
        Path file = Files.createDirectories(home.resolve(UID)).resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void theUisOrderBookTemplateIsReplacedByOurHeader() throws IOException {
        Path orderBook = file("orderbook.csv", "nOrdNo,trdSym,ordSt,qty,prc\n");

        new ReportFiles(home).replaceUiTemplates(UID);

        assertThat(orderBook).hasContent(ORDER_BOOK_HEADER);
        assertThat(PandasLikeCsv.parse(Files.readString(orderBook)).column("TradingSymbol"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "\n",
                "AppOrderID,TradingSymbol,OrderSide,OrderQuantity,OrderStatus,"
                        + "OrderAverageTradedPrice,OrderGeneratedDateTime,ExchangeTransactTime\n1,X,BUY,1,Filled,1,,\n"
            })
    void anyOtherOrderBookHeaderIsReplacedToo(String content) throws IOException {
        Path orderBook = file("orderbook.csv", content);

        new ReportFiles(home).replaceUiTemplates(UID);

        assertThat(orderBook).hasContent(ORDER_BOOK_HEADER);
    }

    @Test
    void ourOwnOrderBookIsLeftAlone() throws IOException {
        String ours = ORDER_BOOK_HEADER
                + "260120000000101,NIFTY 27JAN2026 CE 26000,CE,BUY,65,Filled,120.50,20-01-2026 10:15:01,20-01-2026 10:15:01\n";
        Path orderBook = file("orderbook.csv", ours);
        Path crlf = file("positions.csv", POSITIONS_HEADER.replace("\n", "\r\n") + "X,1,NRML,1,1,0,1,0,1,1,0,-1\r\n");

        new ReportFiles(home).replaceUiTemplates(UID);

        assertThat(orderBook).hasContent(ours);
        assertThat(Files.readString(crlf))
                .startsWith("TradingSymbol,ExchangeInstrumentId,ProductType")
                .contains("X,1,NRML");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "\n",
                "\r\n",
                "\n  \n\n",
                "trdSym,flBuyQty,flSellQty,buyAmt,sellAmt\nNIFTY26JAN26000CE,65,0,7800,0\n"
            })
    void emptyOrUnreadablePositionsAreReplacedByOurHeader(String content) throws IOException {
        Path positions = file("positions.csv", content);

        new ReportFiles(home).replaceUiTemplates(UID);

        assertThat(positions).hasContent(POSITIONS_HEADER);
    }

    @Test
    void positionsWithTheColumnsTheUiReadsAreLeftAlone() throws IOException {
        // the full XTS positionList header: a superset of ours, and fine for the UI
        String xts = "LoginID,AccountID,TradingSymbol,ExchangeSegment,ExchangeInstrumentId,ProductType,Marketlot,"
                + "Multiplier,BuyAveragePrice,SellAveragePrice,OpenBuyQuantity,OpenSellQuantity,Quantity,BuyAmount,"
                + "SellAmount,NetAmount,UnrealizedMTM,RealizedMTM,MTM,BEP\n"
                + "ITC2766,ITC2766,BANKNIFTY 30DEC2025 CE 59500,NSEFO,51475,NRML,35,1,965.6,0,35,0,35,33796,0,-33796,"
                + "0.00,0.00,0.00,0.00\n";
        Path positions = file("positions.csv", xts);

        new ReportFiles(home).replaceUiTemplates(UID);

        assertThat(positions).hasContent(xts);
    }

    @Test
    void missingFilesAndOtherReportsAreNotTouched() throws IOException {
        new ReportFiles(home).replaceUiTemplates("NEWUSER");
        assertThat(home.resolve("NEWUSER")).doesNotExist();

        Path balance = file("balance.csv", "\n");
        new ReportFiles(home).replaceUiTemplates(UID);
        assertThat(balance).hasContent("\n");
        assertThat(home.resolve(UID).resolve("orderbook.csv")).doesNotExist();
        assertThat(home.resolve(UID).resolve("positions.csv")).doesNotExist();
    }

    @Test
    void aFailedReplacementKeepsTheTemplateAndSaysWhichFolder() throws IOException {
        Path orderBook = file("orderbook.csv", "nOrdNo,trdSym,ordSt,qty,prc\n");
        AtomicFileWriter failing = new AtomicFileWriter() {
            @Override
            void moveIntoPlace(Path temp, Path target) throws IOException {
                throw new IOException("read-only file system");
            }
        };

        assertThatThrownBy(() -> new ReportFiles(home, failing).replaceUiTemplates(UID))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(home.resolve(UID).toString())
                .hasMessageContaining("orderbook.csv")
                .hasMessageContaining("read-only file system");
        assertThat(orderBook).hasContent("nOrdNo,trdSym,ordSt,qty,prc\n");
        try (var files = Files.list(home.resolve(UID))) {
            assertThat(files).containsExactly(orderBook);
        }
    }
}
