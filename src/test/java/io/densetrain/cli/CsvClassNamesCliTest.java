package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.Dataset;
import io.densetrain.run.Classifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class names in a CSV's label column, from train through the saved model to predict and evaluate, on the CLI and the Java API. */
class CsvClassNamesCliTest {
    @TempDir
    Path dir;

    /** Three separable clusters named by {@code names[c]}: c = j mod 3 at (0,0), (4,0), (0,4). */
    private Path clusters(String file, int m, String... names) throws IOException {
        StringBuilder s = new StringBuilder("x1,x2,animal\n");
        for (int j = 0; j < m; j++) {
            int c = j % 3;
            s.append((c == 1 ? 4 : 0) + 0.1 * Math.sin(j)).append(',').append((c == 2 ? 4 : 0) + 0.1 * Math.cos(j)).append(',')
                    .append(names[c]).append('\n');
        }
        return Files.writeString(dir.resolve(file), s);
    }

    @Test
    void namesTravelFromTheTrainingCsvToPredictAndEvaluate() throws IOException {
        Path train = clusters("train.csv", 60, "emu", "cat", "dog"); // sorted: cat 0, dog 1, emu 2
        Path model = dir.resolve("model");
        CliTest.Run run = CliTest.run("train", "--train", train.toString(), "--iterations", "400", "--lr", "0.1", "--device", "cpu",
                "--save", model.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("classes: 0 cat, 1 dog, 2 emu\n"), run.out());
        assertTrue(run.out().contains("train accuracy: 1.0000"), run.out());

        CliTest.Run json = CliTest.run("train", "--train", train.toString(), "--iterations", "10", "--device", "cpu", "--json");
        assertEquals("[\"cat\",\"dog\",\"emu\"]", json.json().get("class_names").toString());
        assertEquals("[2,10,5,3]", json.json().get("layers").toString());

        Path input = Files.writeString(dir.resolve("new.csv"), "x1,x2\n0,0\n4,0\n0,4\n");
        CliTest.Run predict = CliTest.run("predict", "--model", model.toString(), "--input", input.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> rows = predict.out().lines().skip(1).map(l -> l.split(",")[1]).toList();
        assertEquals(List.of("emu", "cat", "dog"), rows, predict.out());

        Path eval = clusters("eval.csv", 9, "emu", "cat", "dog");
        CliTest.Run evaluate = CliTest.run("evaluate", "--model", model.toString(), "--data", eval.toString(), "--device", "cpu");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("accuracy: 1.0000"), evaluate.out());

        Path stranger = clusters("stranger.csv", 9, "emu", "cat", "yak");
        CliTest.Run refused = CliTest.run("evaluate", "--model", model.toString(), "--data", stranger.toString(), "--device", "cpu");
        assertEquals(2, refused.code());
        assertEquals("densetrain: error: " + stranger + ", line 4, label column 'animal': 'yak' is not one of the training classes"
                + " [cat, dog, emu]; give only classes the model was trained on", refused.err().strip());
    }

    @Test
    void aTestOrDevFileIsReadWithTheTrainingNames() throws IOException {
        Path train = clusters("train.csv", 60, "emu", "cat", "dog");
        Path test = clusters("test.csv", 9, "emu", "emu", "emu"); // only emu: class 2 of the training set
        CliTest.Run run = CliTest.run("train", "--train", train.toString(), "--test", test.toString(), "--dev", test.toString(),
                "--iterations", "400", "--lr", "0.1", "--device", "cpu", "--json");
        assertEquals(0, run.code(), run.err());
        // a third of test.csv lies in each cluster; read with its own names it would be class 0 (cat) everywhere
        assertEquals(1.0 / 3, run.json().get("test_accuracy").getAsDouble(), 1e-12);

        Path numbers = Files.writeString(dir.resolve("numbers.csv"), "x1,x2,animal\n0,0,0\n");
        CliTest.Run refused = CliTest.run("train", "--train", train.toString(), "--test", numbers.toString(), "--device", "cpu");
        assertEquals(2, refused.code());
        assertTrue(refused.err().strip().endsWith("'0' is not one of the training classes [cat, dog, emu]; give only classes the"
                + " model was trained on"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
    }

    @Test
    void theJavaApiKeepsTheNamesAndRefusesADevSetNumberedByItsOwn() throws IOException {
        Dataset train = CsvLoader.load(clusters("train.csv", 60, "emu", "cat", "dog"), "animal");
        Classifier c = Classifier.builder().iterations(400).learningRate(0.1).device("cpu").build();
        c.fit(train, null);
        assertEquals(List.of("cat", "dog", "emu"), c.model().classNames());
        assertEquals("emu", c.model().label(c.model().predict(new double[][] {{0, 0}})[0]));

        Path devFile = clusters("dev.csv", 6, "emu", "dog", "dog"); // its own names would number dog 0, emu 1
        Dataset ownNames = CsvLoader.load(devFile, "animal");
        String m = assertThrows(BadInputException.class, () -> c.fit(train, ownNames)).getMessage();
        assertEquals("dev.csv: class names [dog, emu] differ from the training set's [cat, dog, emu], so its label numbers mean"
                + " other classes; read it with the training set's names (CsvLoader.load(file, label, train.classNames()))", m);
        c.fit(train, CsvLoader.load(devFile, "animal", train.classNames()));
        // (4,0) is cat in training, labelled dog here: those 2 of 6 are wrong, the emu and dog clusters right
        assertEquals(4.0 / 6, c.report().devAccuracy(), 1e-12);
    }
}
