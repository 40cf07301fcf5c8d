package io.densetrain.data;

import io.densetrain.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * What both CSV readers (training files and prediction inputs) agree on: UTF-8 with or without Excel's byte-order
 * mark, a header row, the separator the header uses (a comma; a semicolon or a tab when the header has no comma),
 * every column named once, and the one-line message for a cell that is not a number.
 */
final class CsvText {
    /** Cells that stand for a missing value in files written by R, pandas, Excel and the UCI repository. */
    private static final Set<String> MISSING = Set.of("na", "n/a", "null", "none", "?", "-", "#n/a");

    private CsvText() {
    }

    /** A parser over {@code file} after its header row, the header checked. */
    static CSVParser open(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            reader.mark(1 << 16);
            int first = reader.read();
            if (first != '\uFEFF') reader.reset(); // Excel's "CSV UTF-8" starts with a byte-order mark
            reader.mark(1 << 16);
            String header = reader.readLine();
            reader.reset();
            char separator = header == null || header.indexOf(',') >= 0 ? ','
                    : header.indexOf(';') >= 0 ? ';' : header.indexOf('\t') >= 0 ? '\t' : ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                    .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).build();
            CSVParser parser = CSVParser.parse(reader, format);
            checkHeader(file, parser.getHeaderNames());
            return parser;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static void checkHeader(Path file, List<String> header) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name == null || name.isEmpty()) {
                throw new BadInputException(file + ": column " + (c + 1) + " of the header has no name" + (c == 0
                        ? " (pandas writes its row index so: save with to_csv(..., index=False)), or name or drop the column"
                        : "; name or drop the column"));
            }
            if (!seen.add(name)) {
                throw new BadInputException(file + ": the header names column '" + name + "' twice; give every column its own name");
            }
        }
    }

    /** Names for an error line (columns, classes): all of them up to 10, else the first 10 and the count (784 for MNIST). */
    static String listing(List<String> names) {
        return names.size() <= 10 ? names.toString()
                : "[" + String.join(", ", names.subList(0, 10)) + ", … (" + names.size() + " in all)]";
    }

    /** The cell's number, NaN and ±Inf included in the spellings of Java, numpy's savetxt and pandas (nan, inf, -inf). */
    static double parse(String cell) {
        try {
            return Double.parseDouble(cell); // the common case first: no per-cell lower-casing on a million-cell load
        } catch (NumberFormatException e) {
            String c = cell.toLowerCase(Locale.ROOT);
            String unsigned = c.startsWith("-") || c.startsWith("+") ? c.substring(1) : c;
            if (unsigned.equals("nan")) return Double.NaN;
            if (unsigned.equals("inf") || unsigned.equals("infinity")) return c.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            throw e;
        }
    }

    /** The cell as a finite number, or one line naming the file, line and column and the fix. */
    static double number(String cell, String where, long line, String column) {
        double v;
        try {
            v = parse(cell);
        } catch (NumberFormatException e) {
            throw notANumber(cell, where + ", line " + line + ", column '" + column + "': ");
        }
        if (!Double.isFinite(v)) {
            throw new BadInputException(where + ", line " + line + ", column '" + column + "': " + cell
                    + " is not a finite number; replace NaN/Inf values before training");
        }
        return v;
    }

    /** The message for a cell that is no number at all (built only then: the loaders parse millions of cells). */
    private static BadInputException notANumber(String cell, String at) {
        String lower = cell.toLowerCase(Locale.ROOT);
        if (cell.isEmpty()) return new BadInputException(at + "missing value; fill or drop the row");
        if (MISSING.contains(lower)) return new BadInputException(at + "'" + cell + "' stands for a missing value; fill or drop the row");
        if (cell.matches("[+-]?[0-9]*,[0-9]+")) {
            return new BadInputException(at + "'" + cell + "' is not a number; write decimals with a point (" + cell.replace(',', '.')
                    + "): a comma there is ambiguous (a decimal or a thousands separator)");
        }
        return new BadInputException(at + "'" + cell + "' is not a number; feature columns must be numeric (encode a text"
                + " column as numbers, e.g. one-hot, or drop it)");
    }
}
