package io.meshwright.engine.store;

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
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One engine per data directory. Two engines on one directory would share the store and the inventory journal
 * while each believes it alone deploys, watches and resumes interrupted work; so the second one is refused at start,
 * naming the process that holds the directory. The lock is the operating system's ({@code flock} on
 * {@code engine.lock}): it goes with the process, so an engine killed with SIGKILL never leaves a stale lock behind.
 */
public final class DataDirectoryLock implements AutoCloseable {

    static final String NAME = "engine.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dataDir}'s lock.
     *
     * @throws DataDirectoryInUseException when another engine (another process, or an engine not yet closed in this
     *     one) holds it
     */
    public static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        FileChannel channel = null;
        try {
            if (!Files.isDirectory(dataDir)) {
                // Private from the start, as the rest of the data directory (DataDirectory.secure checks it after).
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DataDirectoryInUseException("the data directory " + dataDir + " is in use by another engine"
                        + (holder.isEmpty() ? "" : " (process " + holder + ")")
                        + ": stop that engine, or start this one with another --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            throw new UncheckedIOException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another engine holds the data directory. */
    public static final class DataDirectoryInUseException extends RuntimeException {
        public DataDirectoryInUseException(String message) {
            super(message);
        }
    }
}
