package io.densetrain.data;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV with a header row: numeric feature columns and one integer label column (named by
 * {@code label}, default the last). Every defect is reported as one line naming the file, the line
 * and the column: a missing or non-numeric cell, NaN or ±Inf, a ragged row, an unknown label column,
 * a label that is not a non-negative integer, an empty file.
 */
public final class CsvLoader {
    private CsvLoader() {
    }

    public static Dataset load(Path file, String labelColumn) {
        String where = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        io.densetrain.InputFiles.requireRegularFile(file, "a CSV file (header row, then one example per row)");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new BadInputException(where + ": the file is empty; expected a header row, then one example per row");
            }
            int labelIndex = labelColumn == null ? header.size() - 1 : header.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw new BadInputException(where + ": no column named '" + labelColumn + "' for the label column; the columns are " + header);
            }
            if (header.size() < 2) {
                String sep = header.isEmpty() ? null : header.get(0).contains(";") ? "';'" : header.get(0).contains("\t") ? "tab" : null;
                throw new BadInputException(where + ": only one column; need feature columns and a label column" + (sep == null ? ""
                        : " (the header is " + sep + "-separated: write the file with commas, e.g. pandas to_csv(sep=',')"));
            }
            List<String> featureNames = new ArrayList<>(header);
            featureNames.remove(labelIndex);
            int n = featureNames.size();
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            long lastPosition = 0;
            try {
                for (CSVRecord record : parser) {
                    lastPosition = record.getCharacterPosition();
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
            int[] y = new int[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                System.arraycopy(rows.get(j), 0, features, j * n, n);
                y[j] = labels.get(j);
            }
            return new Dataset(file.getFileName().toString(), n, features, y, featureNames);
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
            throw io.densetrain.InputFiles.unreadable(file, e);
        } catch (MalformedInputException e) {
            throw new BadInputException(where + ": not UTF-8 text; save it as UTF-8 CSV");
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(where + ": cannot read as CSV (" + e.getMessage() + ")");
        }
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
                                   List<double[]> rows, List<Integer> labels) {
        if (record.size() != header.size()) {
            throw new BadInputException(where + ", line " + line + ": " + record.size() + " cells but the header has "
                    + header.size() + " columns");
        }
        double[] x = new double[n];
        int f = 0;
        for (int c = 0; c < header.size(); c++) {
            String cell = record.get(c);
            if (c == labelIndex) {
                labels.add(label(cell, where, line, header.get(c)));
            } else {
                x[f++] = number(cell, where, line, header.get(c));
            }
        }
        rows.add(x);
    }

    private static double number(String cell, String where, long line, String column) {
        if (cell.isEmpty()) {
            throw new BadInputException(where + ", line " + line + ", column '" + column + "': missing value; fill or drop the row");
        }
        double v;
        try {
            v = parseCell(cell);
        } catch (NumberFormatException e) {
            throw new BadInputException(where + ", line " + line + ", column '" + column + "': '" + cell + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new BadInputException(where + ", line " + line + ", column '" + column + "': " + cell
                    + " is not a finite number; replace NaN/Inf values before training");
        }
        return v;
    }

    /**
     * A cell's number; numpy's {@code savetxt} and pandas write non-finite values as nan, inf, -inf (which
     * {@link Double#parseDouble} does not know), so those are read as NaN/±Inf and refused as non-finite.
     */
    static double parseCell(String cell) {
        String c = cell.toLowerCase(java.util.Locale.ROOT);
        String unsigned = c.startsWith("-") || c.startsWith("+") ? c.substring(1) : c;
        if (unsigned.equals("nan")) return Double.NaN;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) return c.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return Double.parseDouble(cell);
    }

    private static int label(String cell, String where, long line, String column) {
        if (!cell.isEmpty() && !cell.matches("[-+0-9.eE]+|(?i)[-+]?(nan|inf|infinity)")) { // a class name such as 'setosa'
            throw new BadInputException(where + ", line " + line + ", label column '" + column + "': '" + cell + "' is a name, not"
                    + " a class index; labels must be integers 0..K-1: map the class names to 0, 1, … first");
        }
        double v = number(cell, where, line, column);
        if (v < 0 || v != Math.rint(v) || v > Dataset.MAX_LABEL) {
            throw new BadInputException(where + ", line " + line + ", label column '" + column + "': '" + cell
                    + "' is not a class index; labels must be integers 0..K-1");
        }
        return (int) v;
    }
}
