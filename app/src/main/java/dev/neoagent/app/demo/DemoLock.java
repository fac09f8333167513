package dev.neoagent.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One demo per home folder: {@code <home>/demo/demo.lock}, locked for the life of the demo, so a second demo
 * started in the same folder can never share the first one's paper account. The file names the holder (pid,
 * Redis, start time) for the refusal message; the operating system drops the lock when the process ends, even
 * after kill -9, so a crashed demo never blocks the next one.
 */
final class DemoLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DemoLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or refuses naming the demo that holds it. */
    static DemoLock acquire(Path userFolder) {
        Path file = userFolder.resolve("demo.lock");
        try {
            Files.createDirectories(userFolder);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another demo in this JVM (tests)
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DemoRefused(
                        DemoRefused.REFUSED,
                        "another demo is running from " + userFolder.getParent()
                                + (holder.isEmpty() ? "" : " (" + holder + ")")
                                + ": stop it first (Ctrl-C in its terminal), "
                                + "or give this one its own folder with NEO_HOME=<another folder>");
            }
            return new DemoLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** Records who holds the lock, for the message a second demo prints. */
    void describe(String holder) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // only the refusal message of a second demo loses its detail
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
