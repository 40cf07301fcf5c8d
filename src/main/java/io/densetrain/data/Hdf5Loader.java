package io.densetrain.data;

import io.densetrain.BadInputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HDF5 datasets (the course's {@code train_catvnoncat.h5} layout and others) with jhdf. X is an
 * array {@code (m, H, W, C)}, {@code (m, H, W)} or {@code (m, n)}; Y holds m integer labels as
 * {@code (m,)}, {@code (m, 1)} or {@code (1, m)}. Example j's features are its row of
 * {@code X.reshape(m, -1)} (row, column, channel order), which is numpy's {@code X.reshape(m, -1).T}
 * column j. uint8 values are divided by 255; every other numeric type is taken as it is.
 *
 * <p>Without {@code --x-key}/{@code --y-key}: a pair {@code P_x}/{@code P_y} (the course's
 * {@code train_set_x}/{@code train_set_y}; with several pairs the one starting with the file's role,
 * "train" or "test"), otherwise the only array of rank ≥ 2 and the only label vector of the same
 * length. {@code list_classes}, when present, gives the class names.
 */
public final class Hdf5Loader {
    private Hdf5Loader() {
    }

    /** One file's examples, image shape (null for 2-D X) and class names. */
    public record Loaded(Dataset data, ImageShape shape, List<String> classNames) {
    }

    /** Whether {@code file} is named as an HDF5 file (.h5, .hdf5, .he5). */
    public static boolean handles(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".he5");
    }

    /** Train and (optional) test files, checked against each other. */
    public static ImageSplit load(Path train, Path test, String xKey, String yKey) {
        Loaded tr = read(train, "train", xKey, yKey);
        Loaded te = test == null ? null : read(test, "test", xKey, yKey);
        if (te != null && te.data().featureCount() != tr.data().featureCount()) {
            throw new BadInputException(test + ": " + te.data().featureCount() + " features per example but " + train
                    + " has " + tr.data().featureCount() + "; both files must hold images of the same shape");
        }
        List<String> classes = !tr.classNames().isEmpty() ? tr.classNames() : te == null ? List.of() : te.classNames();
        return new ImageSplit(tr.data(), te == null ? tr.data().head(0) : te.data(), tr.shape(), classes);
    }

    /** Reads one file; {@code role} ("train" or "test") picks among several course-style pairs. */
    public static Loaded read(Path file, String role, String xKey, String yKey) {
        io.densetrain.InputFiles.requireRegularFile(file, "an existing .h5 file");
        try (HdfFile hdf = open(file)) {
            Map<String, io.jhdf.api.Dataset> arrays = new LinkedHashMap<>();
            collect(file, hdf, arrays, 0);
            String[] keys = chooseKeys(file, role, arrays, xKey, yKey);
            io.jhdf.api.Dataset x = arrays.get(keys[0]);
            io.jhdf.api.Dataset y = arrays.get(keys[1]);
            int[] xDims = x.getDimensions();
            if (xDims.length < 2 || !isNumeric(x)) {
                throw new BadInputException(file + ": '" + keys[0] + "' is " + describe(x)
                        + " but the features must be a numeric array (m, H, W, C), (m, H, W) or (m, n); choose another xKey (--x-key)");
            }
            int m = xDims[0];
            int labelCount = labelCount(y);
            if (labelCount < 0) {
                throw new BadInputException(file + ": '" + keys[1] + "' is " + describe(y)
                        + " but the labels must be a numeric vector (m,), (m, 1) or (1, m); choose another yKey (--y-key)");
            }
            if (labelCount != m) {
                throw new BadInputException(file + ": '" + keys[0] + "' has " + m + " examples (first dimension) but '" + keys[1]
                        + "' has " + labelCount + " labels; they must be equal");
            }
            ImageShape shape = switch (xDims.length) {
                case 2 -> null;
                case 3 -> new ImageShape(xDims[1], xDims[2], 1);
                case 4 -> new ImageShape(xDims[1], xDims[2], xDims[3]);
                default -> throw new BadInputException(file + ": '" + keys[0] + "' has " + xDims.length
                        + " dimensions; expected (m, H, W, C), (m, H, W) or (m, n)");
            };
            long values = x.getSize() + y.getSize(); // checked in long before jhdf allocates them
            long free = io.densetrain.HeapMemory.available();
            if (x.getSize() > Integer.MAX_VALUE - 8L || 16 * values > free) {
                throw new BadInputException(file + ": '" + keys[0] + "' holds " + x.getSize() + " values, which need about "
                        + (16 * values >> 20) + " MiB to load, " + (free >> 20) + " MiB fits in the Java heap; use fewer examples or"
                        + " give java more memory (java -Xmx…)");
            }
            int n = m == 0 ? 0 : (int) (x.getSize() / m);
            double divisor = isUint8(x.getDataType()) ? 255.0 : 1.0;
            double[] features = toDoubles(x.getDataFlat(), divisor);
            for (int i = 0; i < features.length; i++) {
                if (!Double.isFinite(features[i])) {
                    throw new BadInputException(file + ": '" + keys[0] + "' holds " + features[i] + " at example " + (i / n + 1)
                            + ", feature " + (i % n + 1) + "; replace non-finite values");
                }
            }
            int[] labels = Dataset.labelsOf(toDoubles(y.getDataFlat(), 1.0), file + ": '" + keys[1] + "'");
            List<String> names = shape != null ? shape.featureNames() : Dataset.columnNames(n);
            String name = file.getFileName() + ":" + keys[0];
            return new Loaded(new Dataset(name, n, features, labels, names), shape, classNames(arrays));
        } catch (java.io.IOException e) {
            throw io.densetrain.InputFiles.unreadable(file, e);
        } catch (HdfException e) {
            throw new BadInputException(file + ": not a readable HDF5 file (" + e.getMessage() + "); give an .h5 file written by h5py or jhdf", e);
        } catch (BadInputException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // jhdf sizes its buffers from the file's headers; one that lies asks for more than the heap in one allocation
            throw new BadInputException(file + ": reading it needs more memory than the Java heap has (a size in its headers is"
                    + " larger than the file: damaged?); give an undamaged .h5 file or java more memory (java -Xmx…)", e);
        } catch (RuntimeException e) { // jhdf on a damaged file: buffer, index and argument exceptions from its parsers
            throw new BadInputException(file + ": a damaged HDF5 file (" + e.getClass().getSimpleName() + " while reading it); give an"
                    + " .h5 file written by h5py or jhdf", e);
        }
    }

    /**
     * The file memory-mapped (up to 2 GiB): jhdf then slices the mapping instead of allocating a buffer for
     * every size a header claims, so a damaged header fails fast instead of asking the heap for gigabytes.
     */
    private static HdfFile open(Path file) throws java.io.IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) return new HdfFile(file);
            return HdfFile.fromByteBuffer(ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** Every dataset under {@code group}; groups nested deeper than 32 (HDF5 links can form a cycle) are refused. */
    private static void collect(Path file, Group group, Map<String, io.jhdf.api.Dataset> out, int depth) {
        if (depth > 32) {
            throw new BadInputException(file + ": groups nested more than 32 levels deep at " + group.getPath() + " (a cycle of"
                    + " links?); give a file with the arrays near the root");
        }
        for (Node node : group.getChildren().values()) {
            if (node instanceof io.jhdf.api.Dataset d) {
                out.put(node.getPath().startsWith("/") ? node.getPath().substring(1) : node.getPath(), d);
            } else if (node instanceof Group g) {
                collect(file, g, out, depth + 1);
            }
        }
    }

    private static String[] chooseKeys(Path file, String role, Map<String, io.jhdf.api.Dataset> arrays, String xKey, String yKey) {
        if (xKey != null || yKey != null) {
            if (xKey == null || yKey == null) {
                throw new BadInputException("give both xKey (--x-key) and yKey (--y-key), or neither to find the arrays automatically");
            }
            for (String[] k : new String[][] {{xKey, "xKey (--x-key)"}, {yKey, "yKey (--y-key)"}}) {
                if (!arrays.containsKey(strip(k[0]))) {
                    throw new BadInputException(file + ": no array '" + k[0] + "'; it has " + listing(arrays) + "; pass one of them to " + k[1]);
                }
            }
            return new String[] {strip(xKey), strip(yKey)};
        }
        // The course's pairs: train_set_x / train_set_y, test_set_x / test_set_y.
        List<String[]> pairs = new ArrayList<>();
        for (String key : arrays.keySet()) {
            if (key.endsWith("_x") && arrays.containsKey(key.substring(0, key.length() - 2) + "_y")) {
                pairs.add(new String[] {key, key.substring(0, key.length() - 2) + "_y"});
            }
        }
        if (pairs.size() > 1) {
            pairs.removeIf(p -> !leaf(p[0]).toLowerCase(Locale.ROOT).startsWith(role));
        }
        if (pairs.size() == 1) {
            return pairs.get(0);
        }
        // Otherwise: the only array of rank >= 2 and the only label vector of its length.
        List<String> xs = new ArrayList<>();
        for (var e : arrays.entrySet()) {
            if (isNumeric(e.getValue()) && e.getValue().getDimensions().length >= 2 && labelCount(e.getValue()) < 0) xs.add(e.getKey());
        }
        if (xs.size() == 1) {
            int m = arrays.get(xs.get(0)).getDimensions()[0];
            List<String> ys = new ArrayList<>();
            for (var e : arrays.entrySet()) {
                if (!e.getKey().equals(xs.get(0)) && isNumeric(e.getValue()) && labelCount(e.getValue()) == m) ys.add(e.getKey());
            }
            if (ys.size() == 1) {
                return new String[] {xs.get(0), ys.get(0)};
            }
        }
        throw new BadInputException(file + ": cannot tell which arrays are the features and the labels; it has " + listing(arrays)
                + "; name them with xKey (--x-key) and yKey (--y-key)");
    }

    private static String strip(String key) {
        return key.startsWith("/") ? key.substring(1) : key;
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Length of a label vector (m,), (m, 1) or (1, m); −1 for any other shape. */
    private static int labelCount(io.jhdf.api.Dataset d) {
        int[] dims = d.getDimensions();
        if (!isNumeric(d)) return -1;
        if (dims.length == 1) return dims[0];
        if (dims.length == 2 && dims[1] == 1) return dims[0];
        if (dims.length == 2 && dims[0] == 1) return dims[1];
        return -1;
    }

    private static boolean isNumeric(io.jhdf.api.Dataset d) {
        Class<?> t = d.getJavaType();
        return t == byte.class || t == short.class || t == int.class || t == long.class || t == float.class || t == double.class;
    }

    private static boolean isUint8(DataType type) {
        return type instanceof FixedPoint f && f.getSize() == 1 && !f.isSigned();
    }

    private static String describe(io.jhdf.api.Dataset d) {
        String type = d.getDataType() instanceof FixedPoint f
                ? (f.isSigned() ? "int" : "uint") + (8 * f.getSize())
                : d.getJavaType().getSimpleName();
        return Arrays.toString(d.getDimensions()).replace('[', '(').replace(']', ')') + " " + type;
    }

    private static String listing(Map<String, io.jhdf.api.Dataset> arrays) {
        if (arrays.isEmpty()) return "no arrays";
        List<String> parts = new ArrayList<>();
        arrays.forEach((k, v) -> parts.add(k + " " + describe(v)));
        return String.join(", ", parts);
    }

    /** Any primitive numeric array as doubles, divided by {@code divisor}. */
    static double[] toDoubles(Object flat, double divisor) {
        double[] out;
        if (flat instanceof byte[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i] / divisor;
        } else if (flat instanceof short[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i] / divisor;
        } else if (flat instanceof int[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i] / divisor;
        } else if (flat instanceof long[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i] / divisor;
        } else if (flat instanceof float[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i] / divisor;
        } else if (flat instanceof double[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = a[i] / divisor;
        } else {
            throw new BadInputException("unsupported HDF5 element type " + flat.getClass().getSimpleName() + "; store numbers");
        }
        return out;
    }

    /** The course's {@code list_classes} (fixed-length byte strings), when present. */
    private static List<String> classNames(Map<String, io.jhdf.api.Dataset> arrays) {
        for (var e : arrays.entrySet()) {
            if (!leaf(e.getKey()).equals("list_classes")) continue;
            Object data = e.getValue().getDataFlat();
            List<String> names = new ArrayList<>();
            if (data instanceof String[] s) {
                for (String v : s) names.add(v.trim());
            } else if (data instanceof byte[] b) {
                names.add(new String(b, StandardCharsets.UTF_8).trim());
            }
            return names;
        }
        return List.of();
    }
}
