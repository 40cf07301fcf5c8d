package io.densetrain.data;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads numpy's {@code .npz} archives ({@code numpy.savez}: stored; {@code numpy.savez_compressed}:
 * deflated; both read by {@link ZipFile}, zip64 included): one {@code KEY.npy} entry per array, each
 * parsed by {@link NpyLoader}.
 */
final class NpzLoader implements AutoCloseable {
    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    private NpzLoader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
        Collections.list(zip.entries()).forEach(e -> {
            String name = e.getName();
            if (!e.isDirectory()) entries.put(name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name, e);
        });
    }

    /** Opens {@code file}; a file that is not a zip archive is one error line. */
    public static NpzLoader open(Path file) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such file; give an .npz written by numpy.savez");
        try {
            ZipFile zip = new ZipFile(file.toFile());
            try {
                return new NpzLoader(file, zip);
            } catch (IllegalArgumentException e) { // an entry name that is not valid UTF-8 (found by fuzzing)
                zip.close();
                throw new BadInputException(file + ": not a readable .npz (zip) archive (an entry name is not valid UTF-8);"
                        + " it is damaged or not an npz: write it again with numpy.savez", e);
            }
        } catch (ZipException e) {
            throw new BadInputException(file + ": not a readable .npz (zip) archive (" + e.getMessage()
                    + "); it is truncated or not an npz: write it again with numpy.savez", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The arrays' keys, in archive order ("x_train", "y_train", …). */
    public List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The array stored under {@code key}. */
    public NdArray read(String key) {
        ZipEntry entry = entries.get(key);
        String source = file + ":" + key;
        if (entry == null) {
            throw new BadInputException(file + ": no array '" + key + "'; it has " + String.join(", ", keys())
                    + "; name the arrays with xKey (--x-key) and yKey (--y-key)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            checkCrc(source, entry, bytes);
            return NpyLoader.parse(source, bytes);
        } catch (ZipException | java.io.EOFException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(source + ": damaged archive entry (" + e.getMessage() + "); write the .npz again with numpy.savez", e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read (" + e.getMessage() + ")", e);
        } catch (OutOfMemoryError e) {
            throw new BadInputException(source + ": too large for the Java heap (" + entry.getSize() + " bytes); raise it with java -Xmx…");
        }
    }

    /**
     * The zip entry's CRC-32 against its bytes: {@link ZipFile} checks neither stored nor deflated
     * entries, so a flipped bit in the data would train silently (numpy's own reader refuses it).
     */
    private static void checkCrc(String source, ZipEntry entry, byte[] bytes) {
        if (entry.getCrc() < 0) return; // no CRC recorded
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (crc.getValue() != entry.getCrc()) {
            throw new BadInputException(source + ": damaged archive entry (CRC-32 " + Long.toHexString(crc.getValue())
                    + " where the archive recorded " + Long.toHexString(entry.getCrc()) + "); write the .npz again with numpy.savez");
        }
    }

    /** The shape of every array, for error messages: "x_train (60000, 28, 28) uint8, …". */
    public String listing() {
        if (entries.isEmpty()) return "no arrays";
        List<String> parts = new ArrayList<>();
        for (String key : entries.keySet()) {
            String what;
            try {
                NdArray a = read(key);
                what = NdArray.describe(a.shape()) + " " + a.dtype();
            } catch (BadInputException e) {
                what = "(unreadable)";
            }
            parts.add(key + " " + what);
        }
        return String.join(", ", parts);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
