package io.densetrain.data;

import io.densetrain.BadInputException;
import java.util.List;

/**
 * Examples as columns: {@code features} is the column-major {@code (n_x, m)} matrix X (example j's
 * feature i at {@code i + j·n_x}), {@code labels[j]} is an integer class 0..classes−1, and {@code classNames}
 * names those classes (class k is {@code classNames.get(k)}; empty when the labels are plain numbers).
 */
public record Dataset(String name, int featureCount, double[] features, int[] labels, List<String> featureNames,
                      List<String> classNames) {

    /** A set whose labels are plain class numbers. */
    public Dataset(String name, int featureCount, double[] features, int[] labels, List<String> featureNames) {
        this(name, featureCount, features, labels, featureNames, List.of());
    }

    public Dataset {
        if (featureCount < 1) {
            throw new BadInputException(name + ": no feature columns");
        }
        if ((long) featureCount * labels.length != features.length) {
            throw new IllegalArgumentException(name + ": " + features.length + " values for " + labels.length
                    + " examples of " + featureCount + " features");
        }
        if (featureNames.size() != featureCount) {
            throw new IllegalArgumentException(name + ": " + featureNames.size() + " feature names for " + featureCount + " features");
        }
        featureNames = List.copyOf(featureNames);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** Number of examples m. */
    public int size() {
        return labels.length;
    }

    /** Number of classes: one more than the largest label, at least 2, and at least the number of class names. */
    public int classes() {
        int max = Math.max(1, classNames.size() - 1);
        for (int y : labels) max = Math.max(max, y);
        return max + 1;
    }

    /** The labels in 0..classes−1 that no example has, ascending (a gap such as {0, 1, 5} still gets a unit per label). */
    public int[] missingLabels(int classes) {
        boolean[] seen = new boolean[classes];
        for (int y : labels) if (y >= 0 && y < classes) seen[y] = true;
        int[] missing = new int[classes];
        int count = 0;
        for (int c = 0; c < classes; c++) if (!seen[c]) missing[count++] = c;
        return java.util.Arrays.copyOf(missing, count);
    }

    public double feature(int example, int feature) {
        return features[feature + example * featureCount];
    }

    /** The examples at {@code indices}, in that order. */
    public Dataset subset(String subsetName, int[] indices) {
        double[] x = new double[indices.length * featureCount];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * featureCount, x, k * featureCount, featureCount);
            y[k] = labels[indices[k]];
        }
        return new Dataset(subsetName, featureCount, x, y, featureNames, classNames);
    }

    /** The first {@code count} examples. */
    public Dataset head(int count) {
        int[] idx = new int[Math.min(count, size())];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return subset(name, idx);
    }

    /**
     * Targets Y for a network with {@code outputs} units: (1, m) holding the 0/1 labels for a sigmoid
     * output, (K, m) one-hot for softmax. Labels outside the output's range are an input error.
     */
    public double[] targets(int outputs) {
        int m = size();
        if (outputs == 1) {
            double[] y = new double[m];
            for (int j = 0; j < m; j++) {
                if (labels[j] > 1) {
                    throw new BadInputException(name + ": label " + labels[j] + " at example " + (j + 1)
                            + " but a 1-unit sigmoid output needs labels 0/1; set the output size to the number of classes ("
                            + classes() + ") for softmax");
                }
                y[j] = labels[j];
            }
            return y;
        }
        double[] y = new double[outputs * m];
        for (int j = 0; j < m; j++) {
            if (labels[j] >= outputs) {
                throw new BadInputException(name + ": label " + labels[j] + " at example " + (j + 1)
                        + " but the softmax output has " + outputs + " units (labels 0.." + (outputs - 1) + "): give the output layer"
                        + " one unit per class (the last layer size), or check that this file's labels belong to this data");
            }
            y[labels[j] + j * outputs] = 1.0;
        }
        return y;
    }

    /**
     * The largest class index a data file may hold: a label beyond it is damage (a flipped bit in an int64
     * gives 1073741825 and an output layer of a billion units), not a class; CSV cells share the bound.
     */
    static final int MAX_LABEL = 1_000_000;

    /** Class indices from array values (HDF5, IDX, NPY): each an integer in 0..{@link #MAX_LABEL}, else one line naming {@code where}. */
    static int[] labelsOf(double[] values, String where) {
        int[] labels = new int[values.length];
        for (int j = 0; j < values.length; j++) {
            double v = values[j];
            if (!(v >= 0) || v != Math.rint(v) || v > MAX_LABEL) {
                String shown = v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
                throw new BadInputException(where + ": label " + shown + " at example " + (j + 1) + " is not a class index;"
                        + " labels must be integers 0..K-1 (at most " + MAX_LABEL + ")");
            }
            labels[j] = (int) v;
        }
        return labels;
    }

    /** Feature names x0..x(n−1) for arrays without column names. */
    static List<String> columnNames(int n) {
        List<String> names = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) names.add("x" + i);
        return names;
    }
}
