package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV label column of class names: numbered in sorted order, shared with the files read beside it, and every misuse one line. */
class CsvClassNamesTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String error(Runnable r) {
        String m = assertThrows(BadInputException.class, r::run).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    @Test
    void namesAreNumberedInSortedOrderAndNumbersStayIndices() throws IOException {
        Dataset named = CsvLoader.load(csv("a.csv", "x,kind\n1,dog\n2,cat\n3,emu\n4,cat\n"), null);
        assertEquals(List.of("cat", "dog", "emu"), named.classNames());
        assertArrayEquals(new int[] {1, 0, 2, 0}, named.labels());
        assertEquals(3, named.classes());
        assertEquals(List.of("cat", "dog", "emu"), named.subset("s", new int[] {0}).classNames()); // a split keeps the names
        assertEquals(3, named.subset("s", new int[] {0}).classes()); // and the class count, though one example has one class

        Dataset numbers = CsvLoader.load(csv("b.csv", "x,y\n1,2\n2,0.0\n3,1\n"), null);
        assertEquals(List.of(), numbers.classNames());
        assertArrayEquals(new int[] {2, 0, 1}, numbers.labels());
    }

    @Test
    void aFileBesideTheTrainingSetUsesItsNames() throws IOException {
        Dataset train = CsvLoader.load(csv("train.csv", "x,kind\n1,dog\n2,cat\n3,emu\n"), null);
        Dataset test = CsvLoader.load(csv("test.csv", "x,kind\n1,emu\n2,emu\n"), "kind", train.classNames());
        assertArrayEquals(new int[] {2, 2}, test.labels()); // emu is class 2 of the training set, not class 0 of this file
        assertEquals(train.classNames(), test.classNames());

        String m = error(() -> CsvLoader.load(dir.resolve("test2.csv"), "kind", train.classNames()));
        assertTrue(m.contains("test2.csv"), m);
        Path unknown = Files.writeString(dir.resolve("u.csv"), "x,kind\n1,cat\n2,yak\n");
        m = error(() -> CsvLoader.load(unknown, "kind", train.classNames()));
        assertEquals(unknown + ", line 3, label column 'kind': 'yak' is not one of the training classes [cat, dog, emu];"
                + " give only classes the model was trained on", m);
        Path indices = Files.writeString(dir.resolve("i.csv"), "x,kind\n1,0\n");
        m = error(() -> CsvLoader.load(indices, "kind", train.classNames()));
        assertTrue(m.contains("'0' is not one of the training classes"), m);

        Path text = Files.writeString(dir.resolve("t.csv"), "x,y\n1,1\n2,cat\n");
        m = error(() -> CsvLoader.load(text, "y", List.of())); // the training labels were numbers
        assertEquals(text + ", line 3, label column 'y': 'cat' is not a class index; the training labels are numbers 0..K-1,"
                + " so this file's labels must be too", m);
    }

    @Test
    void mixedMissingAndNonFiniteLabelsAreOneLine() throws IOException {
        Path mixed = csv("m.csv", "a,b,y\n1,2,0\n3,4,?\n5,6,1\n");
        assertEquals(mixed + ", label column 'y' mixes numbers ('0', line 2) and text ('?', line 3); labels must be all class"
                + " indices 0..K-1 or all class names", error(() -> CsvLoader.load(mixed, null)));
        Path missing = csv("e.csv", "a,y\n1,cat\n2,\n");
        assertEquals(missing + ", line 3, label column 'y': missing label; fill or drop the row", error(() -> CsvLoader.load(missing, null)));
        Path nan = csv("n.csv", "a,y\n1,1\n2,NaN\n");
        assertTrue(error(() -> CsvLoader.load(nan, null)).endsWith("line 3, label column 'y': 'NaN' is not a class index;"
                + " labels must be integers 0..K-1 or class names"));
        Path fraction = csv("f.csv", "a,y\n1,1\n2,0.5\n");
        assertTrue(error(() -> CsvLoader.load(fraction, null)).contains("'0.5' is not a class index"));
        Path textFeature = csv("tf.csv", "a,y\nred,1\n");
        assertTrue(error(() -> CsvLoader.load(textFeature, null)).endsWith("column 'a': 'red' is not a number; feature columns must"
                + " be numeric (encode a text column as numbers, e.g. one-hot, or drop it)"));
    }

    /** Python's csv module writes scikit-learn's iris (shuffled) with its species names (CRLF line ends); the numbering is LabelEncoder's. */
    @Test
    void irisWrittenByPythonIsNumberedAsLabelEncoderNumbersIt() throws Exception {
        Path file = dir.resolve("iris.csv"), codes = dir.resolve("codes.txt");
        String script = "import sys, csv, numpy as np\n"
                + "from sklearn.datasets import load_iris\n"
                + "from sklearn.preprocessing import LabelEncoder\n"
                + "d = load_iris()\n"
                + "order = np.random.RandomState(0).permutation(len(d.target))\n"
                + "species = [d.target_names[t] for t in d.target[order]]\n"
                + "with open(sys.argv[1], 'w', newline='') as f:\n"
                + "    w = csv.writer(f); w.writerow(d.feature_names + ['species'])\n"
                + "    for x, s in zip(d.data[order], species): w.writerow([repr(v) for v in x] + [s])\n"
                + "open(sys.argv[2], 'w').write(' '.join(map(str, LabelEncoder().fit_transform(species))))\n";
        Process p;
        try {
            p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString(), codes.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no /usr/bin/python3 here");
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "no scikit-learn for /usr/bin/python3: " + log);
        Dataset iris = CsvLoader.load(file, "species");
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertEquals(4, iris.featureCount());
        assertEquals(150, iris.size());
        int[] expected = java.util.Arrays.stream(Files.readString(codes).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, iris.labels());
    }
}
