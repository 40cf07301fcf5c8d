package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV reading, and one clear line for every defect. */
class CsvLoaderTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsColumnsAsExamples() throws IOException {
        Dataset d = CsvLoader.load(csv("ok.csv", "a,b,label\n1,2,0\n3.5,-4,1\n"), null);
        assertEquals(2, d.size());
        assertEquals(2, d.featureCount());
        assertArrayEquals(new double[] {1, 2, 3.5, -4}, d.features());
        assertArrayEquals(new int[] {0, 1}, d.labels());
        Dataset byName = CsvLoader.load(csv("first.csv", "y,a,b\n2,1,2\n0,3,4\n"), "y");
        assertArrayEquals(new int[] {2, 0}, byName.labels());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, byName.targets(3)); // one-hot columns for labels 2, 0
    }

    private String error(String name, String text, String label) throws IOException {
        Path p = csv(name, text);
        return assertThrows(BadInputException.class, () -> CsvLoader.load(p, label)).getMessage();
    }

    @Test
    void everyDefectNamesFileLineAndColumn() throws IOException {
        String missing = error("missing.csv", "a,b,label\n1,2,0\n3,,1\n", null);
        assertTrue(missing.contains("missing.csv, line 3, column 'b'") && missing.contains("missing value"), missing);
        String text = error("text.csv", "a,b,label\n1,x7,0\n", null);
        assertTrue(text.contains("line 2, column 'b'") && text.contains("'x7' is not a number"), text);
        String nan = error("nan.csv", "a,b,label\n1,NaN,0\n", null);
        assertTrue(nan.contains("not a finite number"), nan);
        String inf = error("inf.csv", "a,b,label\n1,2,0\nInfinity,2,1\n", null);
        assertTrue(inf.contains("line 3, column 'a'"), inf);
        String ragged = error("ragged.csv", "a,b,label\n1,2,0\n1,2\n", null);
        assertTrue(ragged.contains("line 3") && ragged.contains("2 cells but the header has 3"), ragged);
        String unknown = error("unknown.csv", "a,b,label\n1,2,0\n", "class");
        assertTrue(unknown.contains("no column named 'class'") && unknown.contains("[a, b, label]"), unknown);
        String badLabel = error("label.csv", "a,b,label\n1,2,0.5\n", null);
        assertTrue(badLabel.contains("labels must be integers"), badLabel);
        String empty = error("empty.csv", "", null);
        assertTrue(empty.contains("empty"), empty);
        String headerOnly = error("header.csv", "a,b,label\n", null);
        assertTrue(headerOnly.contains("no examples"), headerOnly);
        String none = assertThrows(BadInputException.class, () -> CsvLoader.load(dir.resolve("nope.csv"), null)).getMessage();
        assertTrue(none.contains("no such file"), none);
    }

    @Test
    void labelsMustFitTheOutput() throws IOException {
        Dataset d = CsvLoader.load(csv("three.csv", "a,label\n1,0\n2,2\n"), null);
        String sigmoid = assertThrows(BadInputException.class, () -> d.targets(1)).getMessage();
        assertTrue(sigmoid.contains("labels 0/1"), sigmoid);
        String softmax = assertThrows(BadInputException.class, () -> d.targets(2 + 0 * 1)).getMessage();
        assertTrue(softmax.contains("label 2"), softmax);
    }

    @Test
    void aPredictionCsvMissingOneOf784ColumnsListsTenAndTheCount() throws IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 784; i++) names.add("pixel" + i);
        Path csv = dir.resolve("digits.csv"); // MNIST-as-CSV without its last pixel column
        Files.writeString(csv, String.join(",", names.subList(0, 783)) + "\n" + "0,".repeat(782) + "0\n");
        String m = assertThrows(BadInputException.class, () -> FeatureCsv.read(csv, names)).getMessage();
        assertEquals(csv + ": no column 'pixel783'; the model needs columns [pixel0, pixel1, pixel2, pixel3, pixel4, pixel5, pixel6,"
                + " pixel7, pixel8, pixel9, … (784 in all)]", m);
    }

    @Test
    void classNamesAsLabelsAndASemicolonFileAreRead() throws IOException {
        Path iris = Files.writeString(dir.resolve("iris.csv"), "sepal,petal,species\n1,2,setosa\n2,3,virginica\n");
        assertEquals(java.util.List.of("setosa", "virginica"), CsvLoader.load(iris, null).classNames());
        Path semi = Files.writeString(dir.resolve("semi.csv"), "a;b;y\n1;2;0\n2;3;1\n");
        assertEquals(java.util.List.of("a", "b"), CsvLoader.load(semi, null).featureNames());
        // a number that is not a class index keeps its own line
        Path half = Files.writeString(dir.resolve("half.csv"), "a,y\n1,0.5\n2,1\n");
        assertTrue(assertThrows(BadInputException.class, () -> CsvLoader.load(half, null)).getMessage().contains("'0.5' is not a class index"));
    }

    @Test
    void numpysNanAndInfCellsAreRefusedAsNonFiniteNotAsText() throws IOException {
        // numpy.savetxt(f, [[1, nan, 0]], delimiter=",") writes "nan"; pandas writes "inf" and "-inf"
        for (String cell : new String[] {"nan", "inf", "-inf", "+Inf", "NAN", "-infinity"}) {
            Path csv = Files.writeString(dir.resolve("c.csv"), "a,b,y\n1," + cell + ",0\n2,3,1\n");
            String m = assertThrows(BadInputException.class, () -> CsvLoader.load(csv, null)).getMessage();
            assertEquals(csv + ", line 2, column 'b': " + cell + " is not a finite number; replace NaN/Inf values before training", m);
            String p = assertThrows(BadInputException.class, () -> FeatureCsv.read(csv, java.util.List.of("a", "b"))).getMessage();
            assertEquals(m, p); // prediction inputs: the same rule, the same line
        }
        // a label written as nan is not a class name
        Path label = Files.writeString(dir.resolve("l.csv"), "a,y\n1,nan\n2,1\n");
        assertTrue(assertThrows(BadInputException.class, () -> CsvLoader.load(label, null)).getMessage().contains("'nan' is not a class index"));
    }
}
