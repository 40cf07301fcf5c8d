package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSVs real tools write: Excel's byte-order mark, semicolons and tabs, pandas's index column, missing-value markers. */
class CsvDialectTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String error(Runnable r) {
        String m = assertThrows(BadInputException.class, r::run).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    private static void assertSame(Dataset d) {
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new double[] {1.5, 2, -3, 4e-3}, d.features());
        assertArrayEquals(new int[] {0, 1}, d.labels());
    }

    @Test
    void byteOrderMarkSemicolonsAndTabsReadAsCommas() throws IOException {
        assertSame(CsvLoader.load(file("comma.csv", "a,b,y\n1.5,2,0\n-3,4e-3,1\n"), "y"));
        assertSame(CsvLoader.load(file("bom.csv", "\uFEFFa,b,y\r\n1.5,2,0\r\n-3,4e-3,1\r\n"), "y"));
        assertSame(CsvLoader.load(file("semi.csv", "a;b;y\n1.5;2;0\n-3;4e-3;1\n"), "y"));
        assertSame(CsvLoader.load(file("tab.tsv", "\uFEFFa\tb\ty\n1.5\t2\t0\n-3\t4e-3\t1\n"), "y"));
        // prediction inputs follow the same rules, the label column ignored
        assertArrayEquals(new double[] {1.5, 2, -3, 4e-3},
                FeatureCsv.read(file("p.csv", "\uFEFFy;b;a\n9;2;1.5\n9;4e-3;-3\n"), List.of("a", "b")));
    }

    @Test
    void headerAndCellProblemsNameTheFix() throws IOException {
        Path index = file("index.csv", ",a,b,y\n0,1,2,0\n1,3,4,1\n");
        assertEquals(index + ": column 1 of the header has no name (pandas writes its row index so: save with"
                + " to_csv(..., index=False)), or name or drop the column", error(() -> CsvLoader.load(index, null)));
        Path unnamed = file("unnamed.csv", "a,,y\n1,2,0\n");
        assertEquals(unnamed + ": column 2 of the header has no name; name or drop the column", error(() -> CsvLoader.load(unnamed, null)));
        Path twice = file("twice.csv", "a,b,a,y\n1,2,3,0\n");
        assertEquals(twice + ": the header names column 'a' twice; give every column its own name",
                error(() -> FeatureCsv.read(twice, List.of("a", "b"))));
        for (String marker : List.of("NA", "n/a", "?", "null", "None", "#N/A")) {
            Path f = file("m.csv", "a,y\n1,0\n" + marker + ",1\n");
            assertEquals(f + ", line 3, column 'a': '" + marker + "' stands for a missing value; fill or drop the row",
                    error(() -> CsvLoader.load(f, null)));
        }
        for (String inf : List.of("inf", "-inf", "Infinity", "NaN", "nan")) {
            Path f = file("i.csv", "a,y\n" + inf + ",0\n");
            assertEquals(f + ", line 2, column 'a': " + inf + " is not a finite number; replace NaN/Inf values before training",
                    error(() -> CsvLoader.load(f, null)));
        }
        Path comma = file("dc.csv", "a;y\n5,1;0\n");
        assertEquals(comma + ", line 2, column 'a': '5,1' is not a number; write decimals with a point (5.1): a comma there is"
                + " ambiguous (a decimal or a thousands separator)", error(() -> CsvLoader.load(comma, null)));
    }

    /** Python's csv module with Excel's tab dialect and the utf-8-sig codec (a byte-order mark), as Excel saves "Unicode text". */
    @Test
    void pythonsExcelTabDialectWithAByteOrderMark() throws Exception {
        Path out = dir.resolve("py.tsv");
        String script = "import csv, sys\n"
                + "with open(sys.argv[1], 'w', newline='', encoding='utf-8-sig') as f:\n"
                + "    w = csv.writer(f, dialect='excel-tab'); w.writerow(['a', 'b', 'y'])\n"
                + "    w.writerow([1.5, 2, 0]); w.writerow([-3, 0.004, 1])\n";
        Process p;
        try {
            p = new ProcessBuilder("/usr/bin/python3", "-c", script, out.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no /usr/bin/python3 here");
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 failed: " + log);
        assertEquals(0xEF, Files.readAllBytes(out)[0] & 0xFF); // the mark is there
        assertSame(CsvLoader.load(out, "y"));
    }

    /** MNIST-as-CSV (Kaggle's train.csv) puts the label first: a first column named label, target, class or y is the label. */
    @Test
    void aFirstColumnNamedLabelIsTheLabelElseTheLastColumnIs() throws IOException {
        Dataset first = CsvLoader.load(file("kaggle.csv", "label,pixel0,pixel1\n7,0,255\n2,3,4\n"), null);
        assertEquals(List.of("pixel0", "pixel1"), first.featureNames());
        assertArrayEquals(new int[] {7, 2}, first.labels());
        assertEquals(List.of("a", "b"), CsvLoader.load(file("t.csv", "Target,a,b\n1,2,3\n"), null).featureNames());
        assertEquals(List.of("label", "b"), CsvLoader.load(file("mid.csv", "label,b,y\n1,2,0\n"), "y").featureNames(),
                "a named --label wins");
        assertEquals(List.of("x", "label"), CsvLoader.load(file("last.csv", "x,label,kind\n1,2,0\n"), null).featureNames(),
                "only a first column is taken by its name");
        // prediction inputs pick the model's feature columns by name, wherever the label is
        assertArrayEquals(new double[] {0, 255, 3, 4}, FeatureCsv.read(dir.resolve("kaggle.csv"), List.of("pixel0", "pixel1")));
    }
}
