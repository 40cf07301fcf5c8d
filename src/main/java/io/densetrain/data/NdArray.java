package io.densetrain.data;

import io.densetrain.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric n-dimensional array read from an IDX, NPY or NPZ file: its shape, its values as doubles in
 * C (row-major) order, and its element type in numpy's words ({@code uint8}, {@code float32}, …).
 * {@link #toDataset} and {@link #labels} turn it into a {@link Dataset}'s X and labels under the same
 * rules as {@link Hdf5Loader}: X {@code (m, H, W, C)}, {@code (m, H, W)} or {@code (m, n)}, uint8
 * divided by 255, other types as they are; labels {@code (m,)}, {@code (m, 1)} or {@code (1, m)},
 * integers ≥ 0.
 */
public record NdArray(String source, int[] shape, double[] values, String dtype) {

    /** Number of elements of {@code shape}; an error naming {@code source} when it overflows an int. */
    static int count(String source, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new BadInputException(source + ": negative dimension in shape " + describe(shape) + "; the file is damaged");
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new BadInputException(source + ": shape " + describe(shape) + " has more than 2^31 elements; split the array");
            }
        }
        return (int) n;
    }

    /** "(60000, 28, 28)" */
    public static String describe(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /**
     * Decodes {@code count} elements of numpy kind {@code kind} ('b' bool, 'i' signed, 'u' unsigned, 'f'
     * IEEE float) and {@code size} bytes from {@code buf} (already in its byte order) into doubles.
     */
    static double[] decode(ByteBuffer buf, char kind, int size, int count) {
        double[] out = new double[count];
        switch (kind + "" + size) {
            case "b1" -> { for (int i = 0; i < count; i++) out[i] = buf.get() != 0 ? 1 : 0; }
            case "i1" -> { for (int i = 0; i < count; i++) out[i] = buf.get(); }
            case "u1" -> { for (int i = 0; i < count; i++) out[i] = buf.get() & 0xFF; }
            case "i2" -> { for (int i = 0; i < count; i++) out[i] = buf.getShort(); }
            case "u2" -> { for (int i = 0; i < count; i++) out[i] = buf.getShort() & 0xFFFF; }
            case "i4" -> { for (int i = 0; i < count; i++) out[i] = buf.getInt(); }
            case "u4" -> { for (int i = 0; i < count; i++) out[i] = buf.getInt() & 0xFFFFFFFFL; }
            case "i8" -> { for (int i = 0; i < count; i++) out[i] = buf.getLong(); }
            case "u8" -> {
                for (int i = 0; i < count; i++) {
                    long v = buf.getLong();
                    out[i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
            }
            case "f2" -> { for (int i = 0; i < count; i++) out[i] = halfToFloat(buf.getShort()); }
            case "f4" -> { for (int i = 0; i < count; i++) out[i] = buf.getFloat(); }
            case "f8" -> { for (int i = 0; i < count; i++) out[i] = buf.getDouble(); }
            default -> throw new IllegalArgumentException("kind " + kind + size);
        }
        return out;
    }

    /** Whether {@link #decode} handles numpy kind/size. */
    static boolean decodable(char kind, int size) {
        return switch (kind) {
            case 'b' -> size == 1;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'f' -> size == 2 || size == 4 || size == 8;
            default -> false;
        };
    }

    /** numpy's name of kind/size: uint8, int64, float32, bool. */
    static String dtypeName(char kind, int size) {
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + 8 * size;
            case 'u' -> "uint" + 8 * size;
            case 'f' -> "float" + 8 * size;
            default -> kind + "" + size;
        };
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF, sign = (h >>> 15) << 31, exp = (h >>> 10) & 0x1F, mant = h & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Column-major (Fortran) values of {@code shape} reordered into C order. */
    static double[] fortranToC(double[] f, int[] shape) {
        int rank = shape.length;
        if (rank < 2) return f;
        long[] stride = new long[rank];
        stride[0] = 1;
        for (int k = 1; k < rank; k++) stride[k] = stride[k - 1] * shape[k - 1];
        double[] c = new double[f.length];
        int[] index = new int[rank];
        long offset = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = f[(int) offset];
            for (int k = rank - 1; k >= 0; k--) {
                index[k]++;
                offset += stride[k];
                if (index[k] < shape[k]) break;
                offset -= stride[k] * shape[k];
                index[k] = 0;
            }
        }
        return c;
    }

    /** Examples m = the first dimension. */
    public int examples() {
        return shape.length == 0 ? 0 : shape[0];
    }

    /** The image shape of an (m, H, W) or (m, H, W, C) array; null for (m, n). */
    public ImageShape imageShape() {
        return switch (shape.length) {
            case 3 -> new ImageShape(shape[1], shape[2], 1);
            case 4 -> new ImageShape(shape[1], shape[2], shape[3]);
            default -> null;
        };
    }

    /** Whether this can be X: rank 2 to 4 with at least one example and one feature. */
    public boolean isFeatureArray() {
        return shape.length >= 2 && shape.length <= 4;
    }

    /** Length of a label vector (m,), (m, 1) or (1, m); −1 for any other shape. */
    public int labelCount() {
        if (shape.length == 1) return shape[0];
        if (shape.length == 2 && shape[1] == 1) return shape[0];
        if (shape.length == 2 && shape[0] == 1) return shape[1];
        return -1;
    }

    /**
     * X as a {@link Dataset}'s feature matrix with these labels: example j's features are row j of
     * {@code reshape(m, -1)} (numpy's {@code X.reshape(m, -1).T} column j), uint8 divided by 255.
     */
    public Dataset toDataset(String name, int[] labels, String fix) {
        if (!isFeatureArray()) {
            throw new BadInputException(source + ": the examples are " + describe(shape) + " " + dtype
                    + " but must be (m, H, W, C), (m, H, W) or (m, n); " + fix);
        }
        int m = shape[0];
        if (m == 0) throw new BadInputException(source + ": no examples (shape " + describe(shape) + "); give a non-empty array");
        if (labels.length != m) {
            throw new BadInputException(source + ": " + m + " examples but " + labels.length + " labels; the images and labels must"
                    + " have the same count (a pair from one data set, e.g. train-images with train-labels)");
        }
        int n = values.length / m;
        if (n == 0) throw new BadInputException(source + ": no features per example (shape " + describe(shape) + ")");
        double[] x = values;
        if (dtype.equals("uint8")) {
            x = new double[values.length];
            for (int i = 0; i < x.length; i++) x[i] = values[i] / 255.0;
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new BadInputException(source + ": holds " + x[i] + " at example " + (i / n + 1) + ", feature " + (i % n + 1)
                        + "; replace non-finite values");
            }
        }
        ImageShape image = imageShape();
        List<String> names = image != null ? image.featureNames() : Dataset.columnNames(n);
        return new Dataset(name, n, x, labels, names);
    }

    /** The values as labels 0..K−1; {@code fix} says how to choose another array. */
    public int[] labels(String fix) {
        if (labelCount() < 0) {
            throw new BadInputException(source + ": the labels are " + describe(shape) + " " + dtype
                    + " but must be a vector (m,), (m, 1) or (1, m); " + fix);
        }
        return Dataset.labelsOf(values, source);
    }

    /** A heap buffer over {@code bytes} in {@code order}. */
    static ByteBuffer buffer(byte[] bytes, int offset, ByteOrder order) {
        return ByteBuffer.wrap(bytes, offset, bytes.length - offset).order(order);
    }
}
