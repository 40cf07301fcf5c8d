package io.densetrain.model;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way densetrain writes a file: the bytes go to a temporary file beside the target, are
 * fsynced, and the temporary file is renamed over the target (atomic on POSIX), then the folder is
 * fsynced so the rename itself survives a power cut. A failure removes the temporary file and is one
 * {@link BadInputException} naming the target; the old target, if any, is untouched. A JVM ended by Ctrl-C or
 * SIGTERM mid-write removes its temporary files in a shutdown hook; after SIGKILL one may stay, and the next write
 * of the same target removes it.
 */
public final class AtomicFiles {
    /** The temporary files being written now, for the shutdown hook. */
    private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_FLIGHT.forEach(AtomicFiles::deleteQuietly), "atomic-files-cleanup"));
    }

    /** Writes the content of a file at the path it is given (a PNG encoder, an HDF5 writer). */
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) {
        write(target, file -> Files.write(file, bytes)); // write(Path, Writer) fsyncs the file once
    }

    public static void writeText(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code writer} on a temporary file beside {@code target}, then fsyncs it and renames it over the target. */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = dir.resolve("." + abs.getFileName() + ".tmp");
        IN_FLIGHT.add(temp);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(temp);
            writer.writeTo(temp);
            force(temp);
            move(temp, abs);
            forceDirectory(dir);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            if (e instanceof BadInputException bad) throw bad;
            throw new BadInputException(target + ": cannot write (" + reason(e) + "); choose a writable path with free space", e);
        } finally {
            IN_FLIGHT.remove(temp);
        }
    }

    /** Writes {@code bytes} to a new file (replacing any) and fsyncs it; the caller makes it visible. */
    static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) ch.write(buffer);
            ch.force(true);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** fsync of a file's content. */
    static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** fsync of a folder (its entries: a rename or a new file); not every platform can open a folder, so best effort. */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory; its renames are durable by themselves
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stale temporary file is removed by the next writer
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such folder";
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Checks before any work that the file's folder exists, so a long run does not fail at the end. */
    public static void checkWritable(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(out + ": folder " + parent + " does not exist; create it or choose another path");
        }
        if (Files.isDirectory(out)) {
            throw new BadInputException(out + ": is a folder; give a file name");
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException(out + ": folder " + parent + " is not writable (permission denied); choose another path");
        }
    }
}
