package io.densetrain.model;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per model directory: an OS file lock ({@link FileChannel#tryLock}) on {@code DIR/.lock},
 * which holds the owner's process id. The OS drops the lock when its process dies, so the lock of a
 * killed run is stale by construction and the next writer simply takes it (the old pid in the file is
 * just overwritten). A second live writer gets one line naming the process that holds the directory.
 * The file itself stays (deleting it would let two writers lock two different files). The lock is
 * re-entrant for the thread that holds it (a command that holds it saves through {@link ModelStore});
 * another thread of the same JVM is a second writer like another process.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE = ".lock";
    private static final Map<Path, DirectoryLock> HELD = new HashMap<>();

    private final Path key;
    /** This lock created the directory: an unused one (only the lock file) is removed again on close. */
    private boolean created;
    private final FileChannel channel;
    private final FileLock lock;
    private final Thread owner = Thread.currentThread();
    private int holders = 1;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir} (creating the directory), or fails with the holder's pid. */
    public static DirectoryLock acquire(Path dir) {
        Path key;
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the model directory (" + e.getMessage() + "); check the path"
                    + " and its permissions");
        }
        synchronized (HELD) {
            DirectoryLock held = HELD.get(key);
            if (held != null && held.owner == Thread.currentThread()) {
                held.holders++;
                return held;
            }
            if (held != null) {
                throw new BadInputException(dir + " is being written by another densetrain run (process "
                        + ProcessHandle.current().pid() + ", thread " + held.owner.getName() + "); wait for it to finish or give"
                        + " another save directory");
            }
            Path file = key.resolve(FILE);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String owner = owner(channel);
                    channel.close();
                    throw new BadInputException(dir + " is being written by another densetrain run (process " + owner
                            + "); wait for it to finish or give another save directory");
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                channel.force(false);
                DirectoryLock result = new DirectoryLock(key, channel, lock);
                result.created = created;
                HELD.put(key, result);
                return result;
            } catch (IOException e) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                }
                throw new BadInputException(file + ": cannot lock the model directory (" + e.getMessage() + "); check its"
                        + " permissions");
            }
        }
    }

    private void removeIfUnused() throws IOException {
        try (var entries = Files.list(key)) {
            if (entries.allMatch(p -> p.getFileName().toString().equals(FILE))) {
                Files.deleteIfExists(key.resolve(FILE));
                Files.deleteIfExists(key);
            }
        }
    }

    private static String owner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d{1,19}") ? pid : "unknown";
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (--holders > 0) return;
            HELD.remove(key);
            try {
                lock.release();
                channel.close();
                if (created) removeIfUnused();
            } catch (IOException ignored) {
                // the OS drops the lock with the channel or the process anyway
            }
        }
    }
}
