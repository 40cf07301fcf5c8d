package io.densetrain.data;

import io.densetrain.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label column of a CSV as class indices. A column of numbers holds the indices themselves
 * (integers 0..K−1); a column with any other text holds class names, and class k is the k-th distinct
 * name in sorted (code point) order, as scikit-learn's {@code LabelEncoder} numbers them. A column that
 * mixes numbers and text (a stray {@code ?} for a missing value) is refused. A file read beside a training
 * file (test, dev, a model's evaluation file) uses the training file's names.
 */
final class CsvLabels {
    /** Class indices, and the class names (empty when the file's labels are numbers). */
    record Resolved(int[] labels, List<String> classNames) {
    }

    private CsvLabels() {
    }

    /**
     * {@code known} null: decide from the cells (numbers or names). {@code known} empty: the training labels are
     * numbers, so these must be too. Otherwise: each cell is one of the known names.
     */
    static Resolved resolve(List<String> cells, long[] lines, List<String> known, String where, String column) {
        if (known == null) {
            int firstText = -1, firstNumber = -1;
            for (int j = 0; j < cells.size() && (firstText < 0 || firstNumber < 0); j++) {
                if (isNumber(cells.get(j))) {
                    if (firstNumber < 0) firstNumber = j;
                } else if (firstText < 0) {
                    firstText = j;
                }
            }
            if (firstText < 0) return new Resolved(indices(cells, lines, where, column), List.of());
            if (firstNumber >= 0) {
                throw new BadInputException(where + ", label column '" + column + "' mixes numbers ('" + cells.get(firstNumber)
                        + "', line " + lines[firstNumber] + ") and text ('" + cells.get(firstText) + "', line " + lines[firstText]
                        + "); labels must be all class indices 0..K-1 or all class names");
            }
            List<String> names = List.copyOf(new TreeSet<>(cells));
            return new Resolved(named(cells, lines, names, where, column), names);
        }
        if (known.isEmpty()) {
            for (int j = 0; j < cells.size(); j++) {
                if (!isNumber(cells.get(j))) {
                    throw new BadInputException(where + ", line " + lines[j] + ", label column '" + column + "': '" + cells.get(j)
                            + "' is not a class index; the training labels are numbers 0..K-1, so this file's labels must be too");
                }
            }
            return new Resolved(indices(cells, lines, where, column), List.of());
        }
        return new Resolved(named(cells, lines, known, where, column), known);
    }

    private static int[] indices(List<String> cells, long[] lines, String where, String column) {
        int[] y = new int[cells.size()];
        for (int j = 0; j < y.length; j++) {
            double v = CsvText.parse(cells.get(j));
            if (!(v >= 0) || v != Math.rint(v) || v > Dataset.MAX_LABEL) {
                throw new BadInputException(where + ", line " + lines[j] + ", label column '" + column + "': '" + cells.get(j)
                        + "' is not a class index; labels must be integers 0..K-1 or class names");
            }
            y[j] = (int) v;
        }
        return y;
    }

    /** Each cell's index among {@code names}. */
    private static int[] named(List<String> cells, long[] lines, List<String> names, String where, String column) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < names.size(); k++) index.put(names.get(k), k);
        int[] y = new int[cells.size()];
        for (int j = 0; j < y.length; j++) {
            Integer k = index.get(cells.get(j));
            if (k == null) {
                throw new BadInputException(where + ", line " + lines[j] + ", label column '" + column + "': '" + cells.get(j)
                        + "' is not one of the training classes " + CsvText.listing(names) + "; give only classes the model was trained on");
            }
            y[j] = k;
        }
        return y;
    }

    /** Whether the cell reads as a number (NaN and Infinity included: they are refused as indices, not taken for names). */
    private static boolean isNumber(String cell) {
        try {
            CsvText.parse(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
