package io.densetrain.data;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST, Fashion-MNIST and KMNIST ({@code train-images-idx3-ubyte},
 * raw or gzipped: a gzip stream is recognised by its magic bytes 1f 8b, whatever the name). Layout,
 * all big-endian: two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte, 0x0B int16,
 * 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions d, d int32 sizes, then the values
 * in C order. Images are {@code (m, H, W)} (or {@code (m, n)}), labels {@code (m,)}.
 */
public final class IdxLoader {
    private IdxLoader() {
    }

    /** Whether the file name looks like IDX: ends in {@code -ubyte} or {@code .idx}, or contains idx1..idx9 (optionally {@code .gz}). */
    public static boolean looksLikeIdx(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        return name.endsWith("ubyte") || name.endsWith(".idx") || name.matches(".*idx[0-9].*");
    }

    /** The array in {@code file}; one error line for anything that is not a complete IDX file. */
    public static NdArray read(Path file) {
        byte[] bytes = bytes(file);
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw new BadInputException(file + ": not an IDX file (it starts with " + hex(bytes) + "; IDX starts with 00 00, a type"
                    + " byte and the number of dimensions); give an MNIST-style -ubyte file, raw or .gz");
        }
        int type = bytes[2] & 0xFF, rank = bytes[3] & 0xFF;
        char kind;
        int size;
        switch (type) {
            case 0x08 -> { kind = 'u'; size = 1; }
            case 0x09 -> { kind = 'i'; size = 1; }
            case 0x0B -> { kind = 'i'; size = 2; }
            case 0x0C -> { kind = 'i'; size = 4; }
            case 0x0D -> { kind = 'f'; size = 4; }
            case 0x0E -> { kind = 'f'; size = 8; }
            default -> throw new BadInputException(file + String.format(": unsupported IDX type byte 0x%02X (known: 0x08 unsigned byte,"
                    + " 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64); the file is damaged or not IDX", type));
        }
        if (rank < 1) {
            throw new BadInputException(file + ": IDX header declares 0 dimensions; the file is damaged");
        }
        int header = 4 + 4 * rank;
        if (bytes.length < header) {
            throw new BadInputException(file + ": truncated: the IDX header declares " + rank + " dimensions but the file ends after "
                    + bytes.length + " bytes; download the file again");
        }
        var head = NdArray.buffer(bytes, 4, ByteOrder.BIG_ENDIAN);
        int[] shape = new int[rank];
        for (int k = 0; k < rank; k++) {
            long declared = Integer.toUnsignedLong(head.getInt()); // IDX sizes are unsigned 32-bit
            if (declared > Integer.MAX_VALUE) {
                throw new BadInputException(file + ": the IDX header declares a dimension of " + declared + " (more than "
                        + Integer.MAX_VALUE + " entries along one axis); the file is damaged");
            }
            shape[k] = (int) declared;
        }
        int count = NdArray.count(file.toString(), shape);
        long expected = (long) count * size, actual = bytes.length - header;
        String declared = NdArray.describe(shape) + " " + NdArray.dtypeName(kind, size) + " (" + expected + " bytes)";
        if (actual < expected) {
            throw new BadInputException(file + ": truncated: the IDX header declares " + declared + " but only " + actual
                    + " bytes follow; download the file again");
        }
        if (actual > expected) {
            throw new BadInputException(file + ": " + (actual - expected) + " bytes more than the IDX header's " + declared
                    + "; the file is damaged or not IDX (download it again)");
        }
        double[] values = NdArray.decode(NdArray.buffer(bytes, header, ByteOrder.BIG_ENDIAN), kind, size, count);
        return new NdArray(file.toString(), shape, values, NdArray.dtypeName(kind, size));
    }

    /** The file's bytes, gunzipped when it starts with the gzip magic. */
    static byte[] bytes(Path file) {
        // a named pipe or device would block the read forever: refused by name, as for every other loader
        io.densetrain.InputFiles.requireRegularFile(file, "an IDX or .npy file saved on disk");
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    return gz.readAllBytes();
                } catch (java.io.EOFException | ZipException e) {
                    throw new BadInputException(file + ": truncated or damaged gzip stream (" + e.getMessage() + "); download the file again");
                }
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw io.densetrain.InputFiles.unreadable(file, e);
        } catch (OutOfMemoryError e) {
            throw new BadInputException(file + ": too large for the Java heap; raise it with java -Xmx…");
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) b.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        return bytes.length == 0 ? "nothing (empty file)" : b.toString();
    }
}
