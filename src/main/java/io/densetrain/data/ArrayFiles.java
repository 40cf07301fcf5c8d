package io.densetrain.data;

import io.densetrain.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labelled examples from array files: IDX ({@link IdxLoader}) and {@code .npy} ({@link NpyLoader})
 * as an images file plus a labels file, or one {@code .npz} ({@code NpzLoader}) holding both. Which
 * arrays of an npz: {@code --x-key}/{@code --y-key} when given (for the test and dev roles with "train"
 * in the key replaced by the role, when the archive has those), otherwise {@code x_ROLE}/{@code y_ROLE}
 * (Keras's {@code mnist.npz}: x_train, y_train, x_test, y_test; the dev role also tries x_val and
 * x_valid), otherwise {@code x}/{@code y}, otherwise the only two arrays when one is X and one a label
 * vector. IDX and NPY files hold one array each, so the keys do not apply to them. X and labels follow
 * {@link NdArray}'s rules.
 */
public final class ArrayFiles {
    /** The array formats, told apart by file name. */
    public enum Format { IDX, NPY, NPZ }

    /** One file's (or pair's) examples and image shape (null for (m, n) X). */
    public record Part(Dataset data, ImageShape shape) {
    }

    private ArrayFiles() {
    }

    /** IDX, NPY or NPZ by name ({@code .npy}, {@code .npz}, IDX names as {@link IdxLoader#looksLikeIdx}), or null. */
    public static Format format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy") || name.endsWith(".npy.gz")) return Format.NPY;
        if (name.endsWith(".npz")) return Format.NPZ;
        return IdxLoader.looksLikeIdx(file) ? Format.IDX : null;
    }

    /** Whether {@code file} is an array file (a folder never is, whatever its name). */
    public static boolean handles(Path file) {
        return file != null && format(file) != null && !java.nio.file.Files.isDirectory(file);
    }

    /** A single array (IDX or NPY) of any shape. */
    public static NdArray readArray(Path file) {
        return format(file) == Format.NPY ? NpyLoader.read(file) : IdxLoader.read(file);
    }

    /**
     * Examples for {@code role} ("train", "test", "dev", or "data" for evaluate): an IDX/NPY images file
     * with its labels file ({@code labels}, given by the {@code --ROLE-labels} flag), or an npz with its keys.
     */
    public static Part read(Path file, Path labels, String role, String xKey, String yKey) {
        String flag = role + "Labels (--" + role + "-labels)"; // the setting and the flag: see SettingFlags
        Format format = format(file);
        if (format == null) {
            throw new BadInputException(file + ": not an IDX (-ubyte, .idx), .npy or .npz file name");
        }
        if (format == Format.NPZ) {
            if (labels != null) {
                throw new BadInputException(labels + ": " + flag + " is for IDX and .npy images; " + file
                        + " is an .npz, which holds the labels itself (choose them with yKey (--y-key))");
            }
            try (NpzLoader npz = NpzLoader.open(file)) {
                String[] keys = keys(npz, file, role, xKey, yKey);
                if (keys == null) {
                    throw new BadInputException(file + ": cannot tell which arrays are the " + role + " examples and labels; it has "
                            + npz.listing() + "; name them with xKey (--x-key) and yKey (--y-key)");
                }
                return part(npz.read(keys[0]), npz.read(keys[1]), file.getFileName() + ":" + keys[0], "choose another xKey (--x-key)",
                        "choose another yKey (--y-key)");
            }
        }
        if (labels == null) {
            throw new BadInputException(file + ": an " + format + " file holds only the examples; give their labels with " + flag
                    + " FILE (e.g. train-labels-idx1-ubyte.gz or y_train.npy)");
        }
        if (!handles(labels) || format(labels) == Format.NPZ) {
            throw new BadInputException(labels + ": " + flag + " must be an IDX (-ubyte) or .npy file of labels");
        }
        return part(readArray(file), readArray(labels), file.getFileName().toString(), "give the images file, not the labels",
                "give the labels file (m,) to " + flag);
    }

    /** Examples only (predict): an IDX or NPY file, or an npz's {@code xKey} (default x_test, x, x_train or the only X). */
    public static Part readFeatures(Path file, String xKey) {
        NdArray x;
        String name;
        if (format(file) == Format.NPZ) {
            try (NpzLoader npz = NpzLoader.open(file)) {
                String key = xKey;
                if (key == null) {
                    for (String k : new String[] {"x_test", "x", "x_train"}) if (key == null && npz.has(k)) key = k;
                    if (key == null && npz.keys().size() == 1) key = npz.keys().get(0);
                }
                if (key == null) {
                    throw new BadInputException(file + ": cannot tell which array holds the examples; it has " + npz.listing()
                            + "; name it with xKey (--x-key)");
                }
                x = npz.read(key);
                name = file.getFileName() + ":" + key;
            }
        } else {
            x = readArray(file);
            name = file.getFileName().toString();
        }
        return new Part(x.toDataset(name, new int[x.examples()], "give an array of examples"), x.imageShape());
    }

    /**
     * Train and test sets: the test set from {@code test} (and {@code testLabels}) when given, otherwise, for an
     * npz, from its test arrays when it has them; the two must have the same image shape (or feature count).
     */
    public static ImageSplit load(Path train, Path trainLabels, Path test, Path testLabels, String xKey, String yKey) {
        Part tr = read(train, trainLabels, "train", xKey, yKey);
        Part te = null;
        if (test != null) {
            te = read(test, testLabels, "test", xKey, yKey);
        } else if (testLabels != null) {
            throw new BadInputException("testLabels (--test-labels) needs test (--test) images as well");
        } else if (format(train) == Format.NPZ) {
            try (NpzLoader npz = NpzLoader.open(train)) {
                String[] keys = derivedKeys(npz, "test", xKey, yKey);
                if (keys != null) {
                    te = part(npz.read(keys[0]), npz.read(keys[1]), train.getFileName() + ":" + keys[0], "choose another xKey (--x-key)",
                            "choose another yKey (--y-key)");
                }
            }
        }
        if (te != null) checkSame(tr, train, te, test != null ? test : train);
        return new ImageSplit(tr.data(), te == null ? tr.data().head(0) : te.data(), tr.shape(), List.of());
    }

    /** {@code other} must have {@code reference}'s features: the same image shape, or the same (m, n) width. */
    public static void checkSame(Part reference, Path referenceFile, Part other, Path otherFile) {
        boolean same = reference.shape() == null ? other.shape() == null && other.data().featureCount() == reference.data().featureCount()
                : reference.shape().equals(other.shape());
        if (!same) {
            throw new BadInputException(otherFile + ": examples of " + what(other) + " but " + referenceFile + " has "
                    + what(reference) + "; both must hold examples of the same shape");
        }
    }

    private static String what(Part p) {
        return p.shape() != null ? p.shape().height() + "x" + p.shape().width() + (p.shape().channels() > 1
                ? "x" + p.shape().channels() : "") + " images" : p.data().featureCount() + " features";
    }

    private static Part part(NdArray x, NdArray y, String name, String xFix, String yFix) {
        int[] labels = y.labels(yFix);
        return new Part(x.toDataset(name, labels, xFix), x.imageShape());
    }

    /** The (x, y) keys of an npz for {@code role}, or null when none fit. */
    private static String[] keys(NpzLoader npz, Path file, String role, String xKey, String yKey) {
        if ((xKey == null) != (yKey == null)) {
            throw new BadInputException("give both xKey (--x-key) and yKey (--y-key), or neither to find the arrays automatically");
        }
        if (xKey != null) {
            String[] derived = role.equals("train") ? null : derivedKeys(npz, role, xKey, yKey);
            if (derived != null) return derived;
            for (String[] k : new String[][] {{xKey, "xKey (--x-key)"}, {yKey, "yKey (--y-key)"}}) {
                if (!npz.has(k[0])) {
                    throw new BadInputException(file + ": no array '" + k[0] + "'; it has " + String.join(", ", npz.keys())
                            + "; pass one of them to " + k[1]);
                }
            }
            return new String[] {xKey, yKey};
        }
        List<String[]> candidates = new ArrayList<>();
        candidates.add(new String[] {"x_" + role, "y_" + role});
        if (role.equals("dev")) {
            candidates.add(new String[] {"x_val", "y_val"});
            candidates.add(new String[] {"x_valid", "y_valid"});
        }
        if (role.equals("data")) candidates.add(new String[] {"x_test", "y_test"});
        candidates.add(new String[] {"x", "y"});
        for (String[] c : candidates) if (npz.has(c[0]) && npz.has(c[1])) return c;
        if (npz.keys().size() == 2) {
            NdArray a = npz.read(npz.keys().get(0)), b = npz.read(npz.keys().get(1));
            if (a.isFeatureArray() && b.labelCount() == a.examples()) return new String[] {npz.keys().get(0), npz.keys().get(1)};
            if (b.isFeatureArray() && a.labelCount() == b.examples()) return new String[] {npz.keys().get(1), npz.keys().get(0)};
        }
        return null;
    }

    /** The test/dev twin of the train keys: "train" replaced by the role (x_train → x_test), when both exist. */
    private static String[] derivedKeys(NpzLoader npz, String role, String xKey, String yKey) {
        String x = (xKey == null ? "x_train" : xKey).replace("train", role), y = (yKey == null ? "y_train" : yKey).replace("train", role);
        if (x.equals(xKey) || !npz.has(x) || !npz.has(y)) {
            if (role.equals("dev") && xKey == null) {
                for (String alt : new String[] {"val", "valid"}) if (npz.has("x_" + alt) && npz.has("y_" + alt)) return new String[] {"x_" + alt, "y_" + alt};
            }
            return null;
        }
        return new String[] {x, y};
    }
}
