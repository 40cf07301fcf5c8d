package io.densetrain.data;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the named feature columns of a CSV with a header (other columns, such as a label, are ignored) for prediction. */
public final class FeatureCsv {
    private FeatureCsv() {
    }

    /** Column-major (n, m) values of columns {@code names}, in that order. */
    public static double[] read(Path file, List<String> names) {
        io.densetrain.InputFiles.requireRegularFile(file, "a CSV file of the model's feature columns");
        try (CSVParser parser = CsvText.open(file)) {
            List<String> header = parser.getHeaderNames();
            int[] index = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                index[i] = header.indexOf(names.get(i));
                if (index[i] < 0) {
                    throw new BadInputException(file + ": no column '" + names.get(i) + "'; the model needs columns " + CsvText.listing(names));
                }
            }
            List<Double> values = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) { // the rule train applies (CsvLoader): a ragged row is an error
                    throw new BadInputException(file + ", line " + parser.getCurrentLineNumber() + ": " + record.size()
                            + " cells but the header has " + header.size() + " columns; fix the row");
                }
                for (int i = 0; i < index.length; i++) {
                    double v = CsvText.number(record.get(index[i]), file.toString(), parser.getCurrentLineNumber(), names.get(i));
                    values.add(v);
                }
            }
            if (values.isEmpty()) {
                throw new BadInputException(file + ": no rows to predict");
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(file + ": not UTF-8 text; save it as UTF-8 CSV");
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
            throw io.densetrain.InputFiles.unreadable(file, e);
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read as CSV (" + e.getMessage() + ")");
        }
    }
}
