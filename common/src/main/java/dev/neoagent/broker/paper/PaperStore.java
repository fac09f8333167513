package dev.neoagent.broker.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.broker.kotak.KotakCodes;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import dev.neoagent.instruments.InstrumentMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a paper account in {@code <dir>/paper-state.json} so that orders, trades, positions and
 * funds survive an agent restart. Every change rewrites the whole file: written to a temporary file
 * in the same folder, forced to disk, then moved over the old one atomically, so a crash leaves
 * either the old or the new state, never half of one. Accounts are small (hundreds of orders), so
 * rewriting is cheap.
 *
 * <p>Format, version 1 (money as strings, exact; times are IST wall-clock times as Kotak shows them):
 * <pre>{@code
 * {"version": 1, "capital": "1000000", "lastOrderSequence": 2, "lastFillSequence": 1,
 *  "orders": [{"orderId": "260120000000001", "tag": "c1L0S0", "side": "BUY", "product": "NRML",
 *              "contract": {"token": "58801", "tsym": "NIFTY26JAN26000CE", "seg": "nse_fo", ...},
 *              "history": [{"status": "put order req received", "type": "MARKET", ...}, ...]}],
 *  "fills": [{"orderId": "...", "fillId": "...", "tag": "...", "side": "BUY", "product": "NRML",
 *             "quantity": 65, "price": "123.45", "time": "2026-01-20T10:15:00", "contract": {...}}]}
 * }</pre>
 * The contract uses the field names of {@code NEO_INSTR_META} and is read back with
 * {@link InstrumentMeta#parse}. To reset an account, stop the agent and delete the file.
 *
 * <p><b>Two processes on one account</b> (a demo and a run on the same NEO_HOME, two demos) each
 * keep the book in memory. Left alone, both would hand out the same next order number and each
 * would overwrite the other's file. So a change is a read-modify-write inside {@link #locked}, an
 * exclusive lock on {@code paper-state.json.lock} beside the state that holds across processes
 * ({@link FileChannel#lock()}). A JVM cannot hold two overlapping locks on one file, and several
 * stores may point at one folder in a JVM (tests), so an in-JVM lock per folder is taken first. The
 * lock file is never deleted: a process that deleted it could leave another locking a fresh file
 * while a third still holds the old one. Inside the lock the writer first re-reads the file if
 * someone else saved since this store last read or wrote it ({@link #reloadIfChanged}): a stat
 * tells, because every save renames a new file into place (a new file key) and a book only grows
 * (a new size).
 */
public final class PaperStore {
    private static final Logger log = LoggerFactory.getLogger(PaperStore.class);

    public static final String FILE_NAME = "paper-state.json";
    static final String LOCK_FILE_NAME = FILE_NAME + ".lock";
    static final int VERSION = 1;

    /**
     * One lock per account folder ever locked in this JVM, by canonical path; never removed, so two
     * threads can never be handed different locks for one file. An agent has a few accounts.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Path file;
    private final Path lockFile;
    /** The version of the file this store last read or wrote; null before it has seen one. */
    private volatile Stamp seen;

    /** @param dir the user's folder, e.g. {@code <NEO_HOME>/<uid>/}; created on the first save or lock */
    public PaperStore(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.lockFile = dir.resolve(LOCK_FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * The saved book, or empty when the account is new.
     *
     * @throws IllegalStateException when the file exists but cannot be read as a version-1 state:
     *                               the agent must not silently start a fresh account over it
     */
    Optional<PaperBook> load() {
        // Stat before reading: should the file be replaced in between, the next look reads it again.
        Stamp stamp = stamp();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        PaperBook book;
        try {
            book = read(JSON.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    file + " is not a readable paper account (" + e.getMessage()
                            + "); repair it, or move it away to start a fresh paper account",
                    e);
        }
        seen = stamp;
        return Optional.of(book);
    }

    /**
     * The saved book if another writer (another process, or another store on this folder) saved
     * since this store last read or wrote the file; empty when nobody did, or when there is no
     * saved file. Costs a stat when nothing changed.
     *
     * @throws IllegalStateException as {@link #load()}
     */
    Optional<PaperBook> reloadIfChanged() {
        Stamp now = stamp();
        if (now == null || now.equals(seen)) {
            return Optional.empty();
        }
        return load();
    }

    /**
     * Runs {@code change} holding the account's lock: exclusive among the threads of this JVM and
     * among processes. Blocks while another holds it; a thread that already holds it just runs.
     *
     * @throws UncheckedIOException when the lock cannot be taken; {@code change} did not run
     */
    <T> T locked(Supplier<T> change) {
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(canonicalLockFile(), path -> new ReentrantLock());
        if (inProcess.isHeldByCurrentThread()) {
            return change.get(); // the outer call holds the file lock too; locking it again would throw
        }
        inProcess.lock();
        try {
            FileChannel channel = lockAcrossProcesses();
            try {
                return change.get();
            } finally {
                release(channel);
            }
        } finally {
            inProcess.unlock();
        }
    }

    private Path canonicalLockFile() {
        try {
            Files.createDirectories(dir);
            return dir.toRealPath().resolve(LOCK_FILE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the paper account in " + dir, e);
        }
    }

    /** The open lock file, locked; waits for another process to release it. */
    private FileChannel lockAcrossProcesses() {
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                channel.lock();
                return channel;
            } catch (IOException | RuntimeException e) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /** Closing releases the lock. A close that fails cannot undo a change already saved, so it is only logged. */
    private void release(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing {} failed: {}", lockFile, e.toString());
        }
    }

    /** Replaces the saved book atomically. */
    void save(PaperBook book) {
        try {
            Files.createDirectories(dir);
            byte[] bytes = JSON.writeValueAsBytes(write(book));
            Path temp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the paper account to " + file, e);
        }
        rememberSaved();
    }

    /** The save happened: a stat that fails now only makes the next look read the file again. */
    private void rememberSaved() {
        try {
            seen = stamp();
        } catch (UncheckedIOException e) {
            seen = null;
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Only on exotic file systems; a plain replace is still better than no save.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Which version of the file is in place; null when there is no saved file (nothing, or not a
     * regular file: a writer only ever renames a regular file into place).
     */
    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? new Stamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size())
                    : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A version of the file. The file key (device and inode) alone could repeat, as a freed inode is
     * reused; with the size, which grows with every change, and the modification time it does not.
     */
    private record Stamp(Object fileKey, FileTime modified, long size) {}

    // ---- writing ----

    private static ObjectNode write(PaperBook book) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("capital", book.capital().toPlainString());
        root.put("lastOrderSequence", book.lastOrderSequence());
        root.put("lastFillSequence", book.lastFillSequence());
        ArrayNode orders = root.putArray("orders");
        book.orders().forEach((id, history) -> {
            PaperOrder first = history.get(0);
            ObjectNode order = orders.addObject();
            order.put("orderId", id.value());
            order.put("tag", first.tag().value());
            order.put("side", first.side().name());
            order.put("product", first.product().name());
            order.set("contract", contract(first.contract()));
            ArrayNode states = order.putArray("history");
            history.forEach(state -> states.add(state(state)));
        });
        ArrayNode fills = root.putArray("fills");
        for (PaperFill fill : book.fills()) {
            ObjectNode node = fills.addObject();
            node.put("orderId", fill.orderId().value());
            node.put("fillId", fill.fillId());
            node.put("tag", fill.tag().value());
            node.put("side", fill.side().name());
            node.put("product", fill.product().name());
            node.put("quantity", fill.quantity());
            node.put("price", fill.price().toPlainString());
            node.put("time", fill.time().toString());
            node.set("contract", contract(fill.contract()));
        }
        return root;
    }

    private static ObjectNode state(PaperOrder state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", state.statusText());
        node.put("type", state.type().name());
        node.put("validity", state.validity().name());
        node.put("quantity", state.quantity());
        node.put("price", state.price().toPlainString());
        node.put("triggerPrice", state.triggerPrice().toPlainString());
        node.put("filledQuantity", state.filledQuantity());
        node.put("averagePrice", state.averagePrice().toPlainString());
        node.put("blockedMargin", state.blockedMargin().toPlainString());
        state.rejectReason().ifPresent(reason -> node.put("rejectReason", reason));
        node.put("time", state.time().toString());
        return node;
    }

    /** The {@code NEO_INSTR_META} shape plus the token. */
    private static ObjectNode contract(InstrumentMeta meta) {
        ObjectNode node = JSON.createObjectNode();
        node.put("token", meta.token().value());
        node.put("tsym", meta.tradingSymbol().value());
        node.put("seg", InstrumentKeys.segmentCode(meta.segment()));
        node.put("name", meta.name());
        meta.expiry().ifPresent(expiry -> node.put("expiry", expiry.toString()));
        meta.strike().ifPresent(strike -> node.put("strike", strike.toPlainString()));
        meta.optionType().ifPresent(type -> node.put("opt", type.name()));
        node.put("lot", meta.lotSize());
        node.put("tick", meta.tick().toPlainString());
        node.put("freeze", meta.freezeQuantity() == Integer.MAX_VALUE ? 0 : meta.freezeQuantity());
        return node;
    }

    // ---- reading ----

    private static PaperBook read(JsonNode root) {
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported version " + root.path("version") + ", expected " + VERSION);
        }
        Map<BrokerOrderId, List<PaperOrder>> orders = new LinkedHashMap<>();
        for (JsonNode order : array(root, "orders")) {
            BrokerOrderId id = new BrokerOrderId(text(order, "orderId"));
            OrderTag tag = new OrderTag(text(order, "tag"));
            Side side = Side.valueOf(text(order, "side"));
            Product product = Product.valueOf(text(order, "product"));
            InstrumentMeta contract = contract(order.path("contract"));
            List<PaperOrder> history = new ArrayList<>();
            for (JsonNode state : array(order, "history")) {
                String status = text(state, "status");
                history.add(new PaperOrder(
                        id,
                        tag,
                        contract,
                        side,
                        product,
                        OrderType.valueOf(text(state, "type")),
                        Validity.valueOf(text(state, "validity")),
                        state.path("quantity").asInt(),
                        decimal(state, "price"),
                        decimal(state, "triggerPrice"),
                        state.path("filledQuantity").asInt(),
                        decimal(state, "averagePrice"),
                        decimal(state, "blockedMargin"),
                        KotakCodes.orderStatus(status),
                        status,
                        Optional.ofNullable(state.get("rejectReason")).map(JsonNode::asText),
                        LocalDateTime.parse(text(state, "time"))));
            }
            orders.put(id, history);
        }
        List<PaperFill> fills = new ArrayList<>();
        for (JsonNode fill : array(root, "fills")) {
            fills.add(new PaperFill(
                    new BrokerOrderId(text(fill, "orderId")),
                    text(fill, "fillId"),
                    new OrderTag(text(fill, "tag")),
                    contract(fill.path("contract")),
                    Side.valueOf(text(fill, "side")),
                    Product.valueOf(text(fill, "product")),
                    fill.path("quantity").asInt(),
                    decimal(fill, "price"),
                    LocalDateTime.parse(text(fill, "time"))));
        }
        return new PaperBook(
                decimal(root, "capital"),
                root.path("lastOrderSequence").asLong(),
                root.path("lastFillSequence").asLong(),
                orders,
                fills);
    }

    private static InstrumentMeta contract(JsonNode node) {
        return InstrumentMeta.parse(new InstrumentToken(text(node, "token")), node.toString());
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a list");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return new BigDecimal(text(node, field));
    }
}
