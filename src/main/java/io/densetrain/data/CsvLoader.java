package io.densetrain.data;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV with a header row: numeric feature columns and one label column (named by {@code label};
 * by default the last, or the first when it is named label, target, class or y) of class indices 0..K−1 or of class names ({@link CsvLabels}). Every defect is reported
 * as one line naming the file, the line and the column: a missing or non-numeric cell, NaN or ±Inf, a
 * ragged row, an unknown label column, a label that is neither a class index nor a name, an empty file.
 */
public final class CsvLoader {
    private CsvLoader() {
    }

    /** A training file: its labels are class indices, or class names that it numbers itself (sorted). */
    public static Dataset load(Path file, String labelColumn) {
        return load(file, labelColumn, null);
    }

    /**
     * A file read beside a training set (test, dev, evaluation) with that set's {@code classNames}: empty when the
     * training labels were numbers (then these must be too), else each label is one of the names; null = decide as
     * {@link #load(Path, String)} does.
     */
    public static Dataset load(Path file, String labelColumn, List<String> classNames) {
        String where = file.toString();
        io.densetrain.InputFiles.requireRegularFile(file, "a CSV file (header row, then one example per row)");
        try (CSVParser parser = CsvText.open(file)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new BadInputException(where + ": the file is empty; expected a header row, then one example per row");
            }
            int labelIndex = labelColumn == null ? defaultLabel(header) : header.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw new BadInputException(where + ": no column named '" + labelColumn + "' for the label column; the columns are " + header);
            }
            if (header.size() < 2) { // (a header separated by ';' or tabs has been split by CsvText already)
                throw new BadInputException(where + ": only one column; need feature columns and a label column");
            }
            List<String> featureNames = new ArrayList<>(header);
            featureNames.remove(labelIndex);
            int n = featureNames.size();
            List<double[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            long[] lines = new long[16];
            long lastPosition = 0;
            try {
                for (CSVRecord record : parser) {
                    lastPosition = record.getCharacterPosition();
                    if (labels.size() == lines.length) lines = java.util.Arrays.copyOf(lines, 2 * lines.length);
                    lines[labels.size()] = parser.getCurrentLineNumber();
                    readRecord(record, parser.getCurrentLineNumber(), header, labelIndex, n, where, rows, labels);
                }
            } catch (OutOfMemoryError e) {
                long read = rows.size();
                rows.clear(); // let the collector take the rows back before the message is built
                labels.clear();
                throw tooLarge(file, read, lastPosition, n);
            }
            if (rows.isEmpty()) {
                throw new BadInputException(where + ": a header but no examples");
            }
            if ((long) rows.size() * n > Integer.MAX_VALUE - 8) {
                throw new BadInputException(where + ": " + rows.size() + " rows of " + n + " features are more than one"
                        + " matrix can hold (2^31 values); train on a sample of the rows");
            }
            double[] features;
            try {
                features = new double[rows.size() * n];
            } catch (OutOfMemoryError e) {
                long read = rows.size();
                rows.clear();
                throw tooLarge(file, read, 0, n);
            }
            CsvLabels.Resolved y = CsvLabels.resolve(labels, lines, classNames, where, header.get(labelIndex));
            for (int j = 0; j < rows.size(); j++) {
                System.arraycopy(rows.get(j), 0, features, j * n, n);
            }
            return new Dataset(file.getFileName().toString(), n, features, y.labels(), featureNames, y.classNames());
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
            throw io.densetrain.InputFiles.unreadable(file, e);
        } catch (MalformedInputException e) {
            throw new BadInputException(where + ": not UTF-8 text; save it as UTF-8 CSV");
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(where + ": cannot read as CSV (" + e.getMessage() + ")");
        }
    }

    /** Names that make a first column the label column (MNIST and Kaggle CSVs put {@code label} first). */
    private static final java.util.Set<String> LABEL_NAMES = java.util.Set.of("label", "labels", "target", "class", "y");

    /**
     * The label column when none is named: the first column when its name says it is the label ({@code label},
     * {@code target}, {@code class}, {@code y}, any case), else the last column.
     */
    static int defaultLabel(List<String> header) {
        return header.size() > 1 && LABEL_NAMES.contains(header.get(0).trim().toLowerCase(java.util.Locale.ROOT)) ? 0 : header.size() - 1;
    }

    /**
     * The one line for a CSV that does not fit the heap: {@code read} rows were parsed from the first
     * {@code position} characters, so the whole file holds about read·size/position rows; each needs its n
     * doubles twice while loading (the parsed row and the dataset's matrix) plus about 48 bytes of bookkeeping.
     */
    static BadInputException tooLarge(Path file, long read, long position, int n) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = position;
        }
        long rows = position > 0 ? Math.max(read, (long) Math.ceil((double) read * size / position)) : read;
        double needGiB = rows * (16.0 * n + 48) / (1L << 30);
        double heapGiB = Runtime.getRuntime().maxMemory() / (double) (1L << 30);
        return new BadInputException(String.format(java.util.Locale.ROOT, "%s: about %,d rows of %d features need %.1f GiB"
                + " to load, more than this Java heap's %.1f GiB; give java a larger -Xmx (e.g. java -Xmx%dg -jar …) or"
                + " train on a sample of the rows", file, rows, n, needGiB, heapGiB, (long) Math.ceil(needGiB * 1.5) + 1));
    }

    private static void readRecord(CSVRecord record, long line, List<String> header, int labelIndex, int n, String where,
                                   List<double[]> rows, List<String> labels) {
        if (record.size() != header.size()) {
            throw new BadInputException(where + ", line " + line + ": " + record.size() + " cells but the header has "
                    + header.size() + " columns");
        }
        double[] x = new double[n];
        int f = 0;
        for (int c = 0; c < header.size(); c++) {
            String cell = record.get(c);
            if (c == labelIndex) {
                if (cell.isEmpty()) {
                    throw new BadInputException(where + ", line " + line + ", label column '" + header.get(c)
                            + "': missing label; fill or drop the row");
                }
                labels.add(cell);
            } else {
                x[f++] = CsvText.number(cell, where, line, header.get(c));
            }
        }
        rows.add(x);
    }
}
