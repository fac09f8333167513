package dev.neoagent.agent.report;

import static dev.neoagent.agent.report.Rows.at;
import static dev.neoagent.agent.report.Rows.holding;
import static dev.neoagent.agent.report.Rows.order;
import static dev.neoagent.agent.report.Rows.position;
import static dev.neoagent.agent.report.Rows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportFilesTest {
    private static final String UID = "ITC2766";
    private static final String POSITIONS_HEADER = "TradingSymbol,ExchangeInstrumentId,ProductType,Marketlot,"
            + "BuyAveragePrice,SellAveragePrice,OpenBuyQuantity,OpenSellQuantity,Quantity,BuyAmount,SellAmount,NetAmount";
    private static final String ORDER_BOOK_HEADER = "AppOrderID,TradingSymbol,OptionType,OrderSide,OrderQuantity,"
            + "OrderStatus,OrderAverageTradedPrice,OrderGeneratedDateTime,ExchangeTransactTime";

    @TempDir
    Path home;

    private final FakeInstruments instruments = FakeInstruments.standard();

    private ReportFiles reports() {
        return new ReportFiles(home);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- file mode

    /** The files hold a user's positions, orders and funds: owner only, even over a file that was readable by all. */
    @Test
    void everyReportIsReadableByItsOwnerOnly() throws IOException {
        Path folder = Files.createDirectories(home.resolve(UID));
        Path old = folder.resolve("positions.csv");
        Files.writeString(old, "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        ReportFiles reports = reports();

        List<Path> written = List.of(
                reports.writeBalance(
                        UID,
                        new Limits(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO)),
                reports.writePositions(UID, List.of(), instruments),
                reports.writeOrderBook(UID, List.of(), instruments),
                reports.writeTradeBook(UID, List.of(), instruments),
                reports.writeHoldings(UID, List.of()));

        assertThat(written).contains(old);
        for (Path file : written) {
            assertThat(Files.getPosixFilePermissions(file))
                    .as(file.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    // ---------------------------------------------------------------- balance

    @Test
    void balanceHasTheThreeColumnsTheUiRenames() throws IOException {
        Limits limits = new Limits(
                new BigDecimal("14475347.17"),
                new BigDecimal("86080.83"),
                new BigDecimal("4561428.00"),
                new BigDecimal("1000.50"),
                new BigDecimal("200.00"));

        Path file = reports().writeBalance(UID, limits);

        assertThat(file).isEqualTo(home.resolve(UID).resolve("balance.csv"));
        assertThat(read(file)).isEqualTo("""
                cashAvailable,netMarginAvailable,marginUtilized
                4562228.50,14475347.17,86080.83
                """);
    }

    @Test
    void balanceNumbersArePlainDecimalsWithoutExponent() throws IOException {
        Limits limits = new Limits(
                new BigDecimal("1E+3"),
                new BigDecimal("0E-2"),
                new BigDecimal("2.5E+4"),
                BigDecimal.ZERO,
                new BigDecimal("1E+2"));

        assertThat(read(reports().writeBalance(UID, limits))).isEqualTo("""
                cashAvailable,netMarginAvailable,marginUtilized
                24900,1000,0.00
                """);
    }

    // ---------------------------------------------------------------- positions

    @Test
    void positionsInTheXtsFormWithSignedQuantitiesAndAverages() throws IOException {
        List<Position> positions = List.of(
                position("NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.NRML, 65, 0, "7800.00", "0", 65),
                position(
                        "BANKNIFTY26JAN59500PE",
                        Segment.NSE_FO,
                        "60123",
                        Product.NRML,
                        30,
                        90,
                        "15000.00",
                        "46350.75",
                        30),
                position("NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.MIS, 65, 65, "7800.00", "8125.00", 65),
                position("RELIANCE-EQ", Segment.NSE_CM, "2885", Product.CNC, 10, 0, "14567.50", "0", 1),
                position("NIFTY26FEB25000PE", Segment.NSE_FO, "99999", Product.MIS, 0, 65, "0", "3250.00", 65));

        Path file = reports().writePositions(UID, positions, instruments);

        assertThat(file).isEqualTo(home.resolve(UID).resolve("positions.csv"));
        assertThat(read(file))
                .isEqualTo(POSITIONS_HEADER + "\n"
                        + "NIFTY 27JAN2026 CE 26000,58801,NRML,65,120.00,0,65,0,65,7800.00,0,-7800.00\n"
                        + "BANKNIFTY 27JAN2026 PE 59500,60123,NRML,30,500.00,515.01,30,90,-60,15000.00,46350.75,31350.75\n"
                        + "RELIANCE-EQ,2885,CNC,1,1456.75,0,10,0,10,14567.50,0,-14567.50\n"
                        // unknown contract: the Kotak symbol, but the broker's token for square-off
                        + "NIFTY26FEB25000PE,99999,MIS,65,0,50.00,0,65,-65,0,3250.00,3250.00\n");
    }

    @Test
    void positionWithoutTokenIsFoundByTradingSymbolAndGetsTheContractToken() throws IOException {
        List<Position> positions = List.of(
                position("BANKNIFTY26JAN59500PE", Segment.NSE_FO, null, Product.NRML, 30, 0, "15450.00", "0", 30));

        assertThat(read(reports().writePositions(UID, positions, instruments)))
                .isEqualTo(POSITIONS_HEADER + "\n"
                        + "BANKNIFTY 27JAN2026 PE 59500,60123,NRML,30,515.00,0,30,0,30,15450.00,0,-15450.00\n");
    }

    @Test
    void unknownInstrumentWithoutTokenKeepsItsSymbolQuotedAndAnEmptyToken() throws IOException {
        List<Position> positions = List.of(
                position("ODD,NAME", Segment.NSE_FO, null, Product.NRML, 3, 0, "100", "0", 1),
                // the symbol exists in the master, but on NSE: a BSE row must not borrow its token
                position("RELIANCE-EQ", Segment.BSE_CM, null, Product.CNC, 1, 0, "1456.75", "0", 1));

        assertThat(read(reports().writePositions(UID, positions, instruments)))
                .isEqualTo(POSITIONS_HEADER + "\n"
                        + "\"ODD,NAME\",,NRML,1,33.33,0,3,0,3,100,0,-100\n"
                        + "RELIANCE-EQ,,CNC,1,1456.75,0,1,0,1,1456.75,0,-1456.75\n");
    }

    @Test
    void failingLookupFallsBackToTheBrokerSymbolInsteadOfLosingTheReport() throws IOException {
        InstrumentLookup broken = new InstrumentLookup() {
            @Override
            public Optional<InstrumentMeta> byToken(Segment segment, InstrumentToken token) {
                throw new IllegalStateException("redis down");
            }

            @Override
            public Optional<InstrumentMeta> byTradingSymbol(TradingSymbol symbol) {
                throw new IllegalStateException("redis down");
            }
        };
        List<Position> positions = List.of(
                position("NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.NRML, 65, 0, "7800.00", "0", 65));

        assertThat(read(reports().writePositions(UID, positions, broken)))
                .isEqualTo(POSITIONS_HEADER + "\n"
                        + "NIFTY26JAN26000CE,58801,NRML,65,120.00,0,65,0,65,7800.00,0,-7800.00\n");
    }

    @Test
    void positionsReadLikeTheUiDoes() throws IOException {
        List<Position> positions = List.of(
                position(
                        "NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.NRML, 130, 65, "15600.00", "8450.00", 65),
                position("BANKNIFTY26JAN59500PE", Segment.NSE_FO, "60123", Product.NRML, 0, 30, "0", "15000.00", 30),
                position("NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.MIS, 65, 65, "7800.00", "8125.00", 65));

        PandasLikeCsv csv = PandasLikeCsv.parse(read(reports().writePositions(UID, positions, instruments)));

        assertThat(csv.column("TradingSymbol"))
                .containsExactly("NIFTY 27JAN2026 CE 26000", "BANKNIFTY 27JAN2026 PE 59500");
        assertThat(csv.column("ExchangeInstrumentId")).containsExactly("58801", "60123");
        assertThat(csv.column("BuyAveragePrice").stream().map(Double::parseDouble))
                .containsExactly(120.0, 0.0);
        assertThat(csv.column("SellAveragePrice").stream().map(Double::parseDouble))
                .containsExactly(130.0, 500.0);
        assertThat(csv.column("Quantity").stream().map(Integer::parseInt)).containsExactly(65, -30);
        // what the UI derives from TradingSymbol: CE/PE by regex, the strike from the trailing digits
        assertThat(csv.column("TradingSymbol"))
                .allSatisfy(s -> assertThat(s).containsPattern("(CE|PE)").matches(".*\\d+$"));
    }

    // ---------------------------------------------------------------- order book

    private List<Order> sampleOrders() {
        return List.of(
                order(
                        "260120000000101",
                        "NIFTY26JAN26000CE",
                        Segment.NSE_FO,
                        "58801",
                        Side.BUY,
                        65,
                        OrderStatus.COMPLETE,
                        "complete",
                        "120.50",
                        at(20, 10, 15, 1)),
                order(
                        "260120000000102",
                        "BANKNIFTY26JAN59500PE",
                        Segment.NSE_FO,
                        "60123",
                        Side.SELL,
                        30,
                        OrderStatus.REJECTED,
                        "rejected",
                        "0.00",
                        at(20, 10, 16, 30)),
                order(
                        "260120000000103",
                        "RELIANCE-EQ",
                        Segment.NSE_CM,
                        "2885",
                        Side.BUY,
                        5,
                        OrderStatus.OPEN,
                        "open",
                        "0",
                        at(20, 9, 20, 5)),
                order(
                        "260120000000104",
                        "NIFTY26FEB25000PE",
                        Segment.NSE_FO,
                        null,
                        Side.SELL,
                        65,
                        OrderStatus.TRIGGER_PENDING,
                        "trigger pending",
                        "0",
                        at(20, 11, 0, 0)),
                order(
                        "260120000000105",
                        "NIFTY26JAN26000CE",
                        Segment.NSE_FO,
                        "58801",
                        Side.BUY,
                        65,
                        OrderStatus.PENDING,
                        "put order req received",
                        "0",
                        null),
                order(
                        "260120000000106",
                        "BANKNIFTY26JAN59500PE",
                        Segment.NSE_FO,
                        "60123",
                        Side.BUY,
                        30,
                        OrderStatus.CANCELLED,
                        "cancelled",
                        "0",
                        at(19, 15, 10, 0)),
                order(
                        "260120000000107",
                        "NIFTY26JAN26000CE",
                        Segment.NSE_FO,
                        "58801",
                        Side.BUY,
                        65,
                        OrderStatus.OTHER,
                        "AMO RECEIVED",
                        "0",
                        at(20, 8, 0, 0)));
    }

    @Test
    void orderBookInXtsValuesNewestFirst() throws IOException {
        Path file = reports().writeOrderBook(UID, sampleOrders(), instruments);

        assertThat(file).isEqualTo(home.resolve(UID).resolve("orderbook.csv"));
        assertThat(read(file))
                .isEqualTo(ORDER_BOOK_HEADER + "\n"
                        + "260120000000104,NIFTY26FEB25000PE,PE,SELL,65,TriggerPending,0,20-01-2026 11:00:00,20-01-2026 11:00:00\n"
                        + "260120000000102,BANKNIFTY 27JAN2026 PE 59500,PE,SELL,30,Rejected,0.00,20-01-2026 10:16:30,20-01-2026 10:16:30\n"
                        + "260120000000101,NIFTY 27JAN2026 CE 26000,CE,BUY,65,Filled,120.50,20-01-2026 10:15:01,20-01-2026 10:15:01\n"
                        + "260120000000103,RELIANCE-EQ,,BUY,5,Open,0,20-01-2026 09:20:05,20-01-2026 09:20:05\n"
                        + "260120000000107,NIFTY 27JAN2026 CE 26000,CE,BUY,65,Amo received,0,20-01-2026 08:00:00,20-01-2026 08:00:00\n"
                        + "260120000000106,BANKNIFTY 27JAN2026 PE 59500,PE,BUY,30,Cancelled,0,19-01-2026 15:10:00,19-01-2026 15:10:00\n"
                        + "260120000000105,NIFTY 27JAN2026 CE 26000,CE,BUY,65,PendingNew,0,,\n");
    }

    @Test
    void orderBookReadsLikeTheUiAndMotherDuckDo() throws IOException {
        PandasLikeCsv csv = PandasLikeCsv.parse(read(reports().writeOrderBook(UID, sampleOrders(), instruments)));

        assertThat(csv.header).containsExactly(ORDER_BOOK_HEADER.split(","));
        // UI: upper-cased OrderStatus == FILLED goes into the main table
        List<String> filled = csv.rows.stream()
                .filter(r -> r.get("OrderStatus").toUpperCase().equals("FILLED"))
                .map(r -> r.get("TradingSymbol"))
                .toList();
        assertThat(filled).containsExactly("NIFTY 27JAN2026 CE 26000");
        // MotherDuck: exact "Filled", numeric AppOrderID, BUY/SELL sides
        assertThat(csv.rows)
                .filteredOn(r -> r.get("OrderStatus").equals("Filled"))
                .hasSize(1);
        assertThat(csv.column("AppOrderID"))
                .allSatisfy(id -> assertThat(Long.parseLong(id)).isPositive());
        assertThat(csv.column("OrderSide")).containsOnly("BUY", "SELL");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "COMPLETE:Filled",
                "REJECTED:Rejected",
                "CANCELLED:Cancelled",
                "OPEN:Open",
                "TRIGGER_PENDING:TriggerPending",
                "PENDING:PendingNew"
            })
    void orderStatusesMapToXtsWords(String mapping) {
        String[] parts = mapping.split(":");
        assertThat(OrderBookReport.xtsStatus(OrderStatus.valueOf(parts[0]), "whatever"))
                .isEqualTo(parts[1]);
    }

    @Test
    void unknownOrderStatusIsTheBrokerTextCapitalised() {
        assertThat(OrderBookReport.xtsStatus(OrderStatus.OTHER, "  after market order req RECEIVED "))
                .isEqualTo("After market order req received");
        assertThat(OrderBookReport.xtsStatus(OrderStatus.OTHER, "")).isEqualTo("Unknown");
    }

    // ---------------------------------------------------------------- trade book and holdings

    @Test
    void tradeBookNewestFirstWithTheXtsDisplayName() throws IOException {
        var trades = List.of(
                trade(
                        "260120000000101",
                        "F-1",
                        "NIFTY26JAN26000CE",
                        Segment.NSE_FO,
                        Side.BUY,
                        Product.NRML,
                        65,
                        "120.50",
                        at(20, 10, 15, 2)),
                trade(
                        "260120000000108",
                        "F-2",
                        "BANKNIFTY26JAN59500PE",
                        Segment.NSE_FO,
                        Side.SELL,
                        Product.NRML,
                        30,
                        "512.35",
                        at(20, 10, 20, 0)),
                trade(
                        "260120000000109",
                        "F-3",
                        "RELIANCE-EQ",
                        Segment.NSE_CM,
                        Side.BUY,
                        Product.CNC,
                        5,
                        "1456.75",
                        null));

        Path file = reports().writeTradeBook(UID, trades, instruments);

        assertThat(file).isEqualTo(home.resolve(UID).resolve("tradebook.csv"));
        assertThat(read(file)).isEqualTo("""
                AppOrderID,ExecutionID,TradingSymbol,OptionType,OrderSide,ProductType,TradedQuantity,TradedPrice,ExchangeTransactTime
                260120000000108,F-2,BANKNIFTY 27JAN2026 PE 59500,PE,SELL,NRML,30,512.35,20-01-2026 10:20:00
                260120000000101,F-1,NIFTY 27JAN2026 CE 26000,CE,BUY,NRML,65,120.50,20-01-2026 10:15:02
                260120000000109,F-3,RELIANCE-EQ,,BUY,CNC,5,1456.75,
                """);
    }

    @Test
    void holdingsWithQuotingAndUtf8() throws IOException {
        var holdings = List.of(
                holding("RELIANCE-EQ", "2885", 10, 10, "1456.75", "1470.20", "14702.00"),
                holding("ODD, \"HOLDING\"", null, 1, 0, "10", "11.5", "11.5"),
                holding("ÄKTIE ₹", null, 2, 2, "1", "1", "2"));

        Path file = reports().writeHoldings(UID, holdings);

        assertThat(file).isEqualTo(home.resolve(UID).resolve("holdings.csv"));
        assertThat(Files.readAllBytes(file)).isEqualTo(("""
                TradingSymbol,ExchangeInstrumentId,Quantity,SellableQuantity,AveragePrice,ClosingPrice,MarketValue
                RELIANCE-EQ,2885,10,10,1456.75,1470.20,14702.00
                "ODD, ""HOLDING""\",,1,0,10,11.5,11.5
                ÄKTIE ₹,,2,2,1,1,2
                """).getBytes(StandardCharsets.UTF_8));
        assertThat(PandasLikeCsv.parse(read(file)).column("TradingSymbol"))
                .containsExactly("RELIANCE-EQ", "ODD, \"HOLDING\"", "ÄKTIE ₹");
    }

    // ---------------------------------------------------------------- common rules

    @Test
    void emptyReportsAreHeaderOnly() throws IOException {
        ReportFiles reports = reports();

        assertThat(read(reports.writePositions(UID, List.of(), instruments))).isEqualTo(POSITIONS_HEADER + "\n");
        assertThat(read(reports.writeOrderBook(UID, List.of(), instruments))).isEqualTo(ORDER_BOOK_HEADER + "\n");
        assertThat(read(reports.writeTradeBook(UID, List.of(), instruments)))
                .isEqualTo(
                        "AppOrderID,ExecutionID,TradingSymbol,OptionType,OrderSide,ProductType,TradedQuantity,TradedPrice,"
                                + "ExchangeTransactTime\n");
        assertThat(read(reports.writeHoldings(UID, List.of())))
                .isEqualTo(
                        "TradingSymbol,ExchangeInstrumentId,Quantity,SellableQuantity,AveragePrice,ClosingPrice,MarketValue\n");
        // only flat positions: still a header, which the UI reads as "no positions"
        Path flat = reports.writePositions(
                UID,
                List.of(position("NIFTY26JAN26000CE", Segment.NSE_FO, "58801", Product.NRML, 65, 65, "1", "2", 65)),
                instruments);
        PandasLikeCsv csv = PandasLikeCsv.parse(read(flat));
        assertThat(csv.rows).isEmpty();
        assertThat(csv.header)
                .contains("TradingSymbol", "BuyAveragePrice", "SellAveragePrice", "Quantity", "ExchangeInstrumentId");
    }

    @Test
    void replacesThePreviousFileAndLeavesNoTemporaryFiles() throws IOException {
        ReportFiles reports = reports();
        reports.writeOrderBook(UID, sampleOrders(), instruments);

        Path file = reports.writeOrderBook(UID, List.of(), instruments);

        assertThat(read(file)).isEqualTo(ORDER_BOOK_HEADER + "\n");
        try (Stream<Path> files = Files.list(home.resolve(UID))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("orderbook.csv");
        }
    }

    @Test
    void createsMissingHomeAndUserFolders() throws IOException {
        ReportFiles reports = new ReportFiles(home.resolve("not-yet").resolve("neo-home"));

        Path file = reports.writeHoldings("AB123", List.of());

        assertThat(file)
                .isEqualTo(home.resolve("not-yet/neo-home/AB123/holdings.csv"))
                .exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "../other", "a/b", "a\\b"})
    void refusesUidsThatAreNotOneFolderName(String uid) throws IOException {
        ReportFiles reports = reports();

        assertThatThrownBy(() -> reports.writeHoldings(uid, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uid");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).isEmpty();
        }
    }
}
