package dev.neoagent.agent.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file in one step: the content goes to {@code <file>.tmp-<random>} in the same folder
 * and is then renamed over the target. The UI reads these files at arbitrary moments, so it must
 * see either the old file or the new one, never a truncated or half-written one; and a failed write
 * must leave the previous file as it was. The files hold a user's positions, orders and funds, so they are
 * created readable by their owner only (0600), like the user's config and paper state.
 *
 * <p>Not final: tests override {@link #writeTemp} or {@link #moveIntoPlace} to simulate a full disk
 * or a failing rename, which cannot be provoked with file permissions when tests run as root.
 */
class AtomicFileWriter {

    /**
     * Writes {@code content} to {@code target}, creating missing parent folders.
     *
     * @throws IOException naming the target file when anything fails; the target is then unchanged
     *                     and the temporary file is removed
     */
    final void replace(Path target, byte[] content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = folder.resolve(target.getFileName() + ".tmp-" + randomSuffix());
            writeTemp(temp, content);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            IOException failure = new IOException("could not write " + target + ": " + describe(e), e);
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    /** Creates the temporary file (it must not exist yet) and forces its bytes to disk. */
    void writeTemp(Path temp, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(
                temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(temp))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // Without this a power cut right after the rename can leave an empty file on some file
            // systems, which the positions tab cannot parse. Costs a few ms on a small file.
            channel.force(true);
        }
    }

    /** rw------- where the file system has POSIX permissions (the umask cannot widen it); nothing elsewhere. */
    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + " (" + message + ")";
    }
}
