package io.densetrain.data;

import io.densetrain.BadInputException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numpy's {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a
 * version, a header length (2 bytes little-endian for 1.0, 4 for later versions), a Python dict
 * literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (m, n), }}, then the raw values.
 * Supported: bool, signed and unsigned integers of 1, 2, 4 and 8 bytes, float16/32/64, little- or
 * big-endian, C or Fortran order. Object arrays (descr {@code |O}) are pickles and are refused: reading
 * them would mean running Python's unpickler, which can execute code.
 */
public final class NpyLoader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])([^'\"]*)\\1");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyLoader() {
    }

    /** The array in an {@code .npy} file. */
    public static NdArray read(Path file) {
        return parse(file.toString(), IdxLoader.bytes(file));
    }

    /** The array in {@code bytes}, an {@code .npy} image; {@code source} names it in errors ("mnist.npz:x_train"). */
    public static NdArray parse(String source, byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length <= i || bytes[i] != MAGIC[i]) {
                throw new BadInputException(source + ": not an .npy file (no \\x93NUMPY magic at the start); write it with numpy.save");
            }
        }
        if (bytes.length < 10) throw truncated(source, "the header", bytes.length);
        int major = bytes[6] & 0xFF;
        int lengthBytes = major == 1 ? 2 : 4;
        if (major < 1 || major > 3) {
            throw new BadInputException(source + ": .npy format version " + major + "." + (bytes[7] & 0xFF)
                    + " is not supported (1.0 to 3.0 are); write it with numpy.save");
        }
        if (bytes.length < 8 + lengthBytes) throw truncated(source, "the header", bytes.length);
        var lengthBuffer = NdArray.buffer(bytes, 8, ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? lengthBuffer.getShort() & 0xFFFF : lengthBuffer.getInt() & 0xFFFFFFFFL;
        long dataStart = 8 + lengthBytes + headerLength;
        if (dataStart > bytes.length) throw truncated(source, "the " + headerLength + "-byte header", bytes.length);
        String header = new String(bytes, 8 + lengthBytes, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (header.matches("(?s).*['\"]descr['\"]\\s*:\\s*\\[.*")) {
            throw new BadInputException(source + ": a structured (record) array; densetrain reads plain numeric arrays: save each"
                    + " field as its own array");
        }
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new BadInputException(source + ": the .npy header '" + clip(header.trim()) + "' lacks descr, fortran_order or shape;"
                    + " the file is damaged, write it again with numpy.save");
        }
        String descr = d.group(2);
        boolean fortran = f.group(1).equals("True");
        int[] shape = shape(source, s.group(1));
        if (descr.length() < 2) throw unsupported(source, descr);
        char order = descr.charAt(0), kind = descr.charAt(1);
        if (kind == 'O') {
            throw new BadInputException(source + ": holds a pickled object array (dtype object); densetrain never unpickles (that"
                    + " can run code): save a numeric array instead, e.g. numpy.save(f, numpy.asarray(x, dtype=numpy.float32))");
        }
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw unsupported(source, descr);
        }
        if ("<>|=".indexOf(order) < 0 || !NdArray.decodable(kind, size)) throw unsupported(source, descr);
        int count = NdArray.count(source, shape);
        long expected = (long) count * size, actual = bytes.length - dataStart;
        if (actual < expected) {
            throw new BadInputException(source + ": truncated: the header declares " + NdArray.describe(shape) + " "
                    + NdArray.dtypeName(kind, size) + " (" + expected + " bytes) but only " + actual + " follow; write it again with numpy.save");
        }
        ByteOrder byteOrder = order == '>' ? ByteOrder.BIG_ENDIAN : order == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
        double[] values = NdArray.decode(NdArray.buffer(bytes, (int) dataStart, byteOrder), kind, size, count);
        if (fortran) values = NdArray.fortranToC(values, shape);
        return new NdArray(source, shape, values, NdArray.dtypeName(kind, size));
    }

    private static int[] shape(String source, String text) {
        String[] parts = text.split(",");
        int n = 0;
        for (String p : parts) if (!p.isBlank()) n++;
        int[] shape = new int[n];
        int k = 0;
        for (String p : parts) {
            if (p.isBlank()) continue;
            try {
                shape[k++] = Integer.parseInt(p.trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new BadInputException(source + ": the .npy shape (" + clip(text) + ") is not a tuple of sizes below 2^31; the file is damaged");
            }
        }
        return shape;
    }

    /** Header text quoted in an error, at most 80 characters: a damaged header may be megabytes of one character. */
    static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "… (" + text.length() + " characters)";
    }

    private static BadInputException unsupported(String source, String descr) {
        return new BadInputException(source + ": unsupported dtype '" + clip(descr) + "'; densetrain reads bool, int8..int64, uint8..uint64"
                + " and float16/32/64: convert it, e.g. x.astype(numpy.float32)");
    }

    private static BadInputException truncated(String source, String what, int length) {
        return new BadInputException(source + ": truncated: the file ends after " + length + " bytes, inside " + what
                + "; write it again with numpy.save");
    }
}
