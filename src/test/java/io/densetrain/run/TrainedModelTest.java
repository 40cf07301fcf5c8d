package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.check.GradientCheckReport;
import io.densetrain.data.Normalization;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prediction, evaluation and persistence of a trained model, against hand-computed values. */
class TrainedModelTest {

    /** Logistic regression [2, 1]: W = [2, −1], b = 0.5, μ = (1, 2), σ = (2, 4). */
    private static TrainedModel logistic() {
        Architecture arch = new Architecture(2, 1);
        return TrainedModel.of(new SavedModel(arch, true, new Normalization(new double[] {1, 2}, new double[] {2, 4}),
                List.of("a", "b"), null, null, Map.of(), new double[] {2, -1, 0.5}));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    // rows normalized: (3, 6) → (1, 1), z = 1.5; (1, 2) → (0, 0), z = 0.5; (−1, 10) → (−1, 2), z = −3.5
    private static final double[][] ROWS = {{3, 6}, {1, 2}, {-1, 10}};

    @Test
    void aClosedModelRefusesToPredictInsteadOfUsingFreedDeviceMemory() {
        TrainedModel model = logistic();
        assertArrayEquals(new int[] {1, 1, 0}, model.predict(ROWS));
        model.close();
        model.close(); // a second close does nothing
        for (Runnable use : new Runnable[] {() -> model.predict(ROWS), () -> model.predictProbabilities(ROWS),
                () -> model.evaluate(ROWS, new int[] {1, 1, 0}), () -> model.outputs(new double[] {3, 6}, 1)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
            assertEquals("this TrainedModel is closed; load it again (TrainedModel.load) to predict", e.getMessage());
        }
        assertEquals(3, model.saved().theta().length); // what needs no device still answers
    }

    @Test
    void sigmoidProbabilitiesAndClassesAreTheHandComputedOnes() {
        try (TrainedModel model = logistic()) {
            double[][] p = model.predictProbabilities(ROWS);
            assertEquals(3, p.length);
            assertEquals(1, p[0].length);
            assertEquals(sigmoid(1.5), p[0][0], 1e-15);
            assertEquals(sigmoid(0.5), p[1][0], 1e-15);
            assertEquals(sigmoid(-3.5), p[2][0], 1e-15);
            assertArrayEquals(new int[] {1, 1, 0}, model.predict(ROWS));
            assertTrue(model.sigmoid());
            assertEquals("1", model.label(1));
        }
    }

    @Test
    void evaluationIsCrossEntropyWithoutL2AndAccuracy() {
        try (TrainedModel model = logistic()) {
            Evaluation e = model.evaluate(ROWS, new int[] {1, 0, 0});
            double expected = -(Math.log(sigmoid(1.5)) + Math.log(1 - sigmoid(0.5)) + Math.log(1 - sigmoid(-3.5))) / 3;
            assertEquals(expected, e.cost(), 1e-14);
            assertEquals(2.0 / 3, e.accuracy(), 0);
            assertEquals(3, e.examples());
        }
    }

    @Test
    void softmaxGivesKColumnsAndArgmax() {
        // [2, 3], identity normalization, W = [[1, 0], [0, 1], [0, 0]] (column-major θ), b = 0:
        // x = (ln 2, 0) → z = (ln 2, 0, 0) → p = (1/2, 1/4, 1/4); x = (0, ln 3) → p = (1/5, 3/5, 1/5)
        Architecture arch = new Architecture(2, 3);
        double[] theta = {1, 0, 0, 0, 1, 0, 0, 0, 0};
        try (TrainedModel model = TrainedModel.of(new SavedModel(arch, false, Normalization.identity(2), List.of("x", "y"),
                List.of("cat", "dog", "owl"), null, Map.of(), theta))) {
            double[][] rows = {{Math.log(2), 0}, {0, Math.log(3)}};
            double[][] p = model.predictProbabilities(rows);
            assertArrayEquals(new double[] {0.5, 0.25, 0.25}, p[0], 1e-15);
            assertArrayEquals(new double[] {0.2, 0.6, 0.2}, p[1], 1e-15);
            assertArrayEquals(new int[] {0, 1}, model.predict(rows));
            assertEquals("dog", model.label(1));
            assertEquals(List.of("cat", "dog", "owl"), model.classNames());
            assertFalse(model.sigmoid());
        }
    }

    @Test
    void saveLoadPredictsBitForBit(@TempDir Path dir) {
        Architecture arch = new Architecture(4, 7, 5, 3);
        Random r = new Random(3);
        double[] mean = new double[4], std = new double[4];
        for (int i = 0; i < 4; i++) {
            mean[i] = r.nextGaussian();
            std[i] = 0.5 + r.nextDouble();
        }
        SavedModel saved = new SavedModel(arch, true, new Normalization(mean, std), List.of("f1", "f2", "f3", "f4"), null, null,
                Map.of("lr", 0.1), Initialization.HE.initialTheta(arch, 1.0, 5));
        double[][] rows = new double[50][4];
        for (double[] row : rows) for (int i = 0; i < 4; i++) row[i] = 3 * r.nextGaussian();
        try (TrainedModel before = TrainedModel.of(saved)) {
            before.save(dir.resolve("m"));
            try (TrainedModel after = TrainedModel.load(dir.resolve("m"))) {
                assertArrayEquals(saved.theta(), after.saved().theta(), 0);
                assertEquals(arch, after.architecture());
                double[][] p = before.predictProbabilities(rows), q = after.predictProbabilities(rows);
                for (int j = 0; j < rows.length; j++) assertArrayEquals(p[j], q[j], 0, "row " + j);
                assertArrayEquals(before.predict(rows), after.predict(rows));
            }
        }
    }

    @Test
    void gradientCheckOfAModelPasses() {
        Architecture arch = new Architecture(3, 5, 1);
        SavedModel saved = new SavedModel(arch, false, Normalization.identity(3), List.of(), null, null, Map.of(),
                Initialization.XAVIER.initialTheta(arch, 1.0, 2));
        Random r = new Random(1);
        double[][] rows = new double[6][3];
        int[] labels = new int[6];
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 3; i++) rows[j][i] = r.nextGaussian();
            labels[j] = j % 2;
        }
        try (TrainedModel model = TrainedModel.of(saved)) {
            GradientCheckReport report = model.gradientCheck(rows, labels);
            assertTrue(report.passed(), "difference " + report.difference());
            assertTrue(report.difference() < 1e-6, "difference " + report.difference());
            assertEquals(4, report.blocks().size());
        }
    }

    @Test
    void badRowsAndLabelsAreOneLineEach() {
        try (TrainedModel model = logistic()) {
            assertEquals("rows[1] has 3 values but the model takes 2 inputs (a, b); give one value per input feature",
                    assertThrows(BadInputException.class, () -> model.predict(new double[][] {{1, 2}, {1, 2, 3}})).getMessage());
            assertEquals("rows[1][0] is NaN; the model needs finite inputs (fill in or drop missing values first)",
                    assertThrows(BadInputException.class, () -> model.predictProbabilities(new double[][] {{1, 2}, {Double.NaN, 2}}))
                            .getMessage());
            assertEquals("labels has 2 entries for 3 rows; give one label per row",
                    assertThrows(BadInputException.class, () -> model.evaluate(ROWS, new int[] {1, 0})).getMessage());
            assertEquals("labels[2] is 2 but the model distinguishes 2 classes (0..1)",
                    assertThrows(BadInputException.class, () -> model.evaluate(ROWS, new int[] {1, 0, 2})).getMessage());
            assertEquals("evaluation needs at least one labelled example, got none",
                    assertThrows(BadInputException.class, () -> model.evaluate(new double[0][], new int[0])).getMessage());
            assertEquals(0, model.predict(new double[0][]).length);
            for (var call : List.<org.junit.jupiter.api.function.Executable>of(() -> model.predict(null),
                    () -> model.predictProbabilities(null), () -> model.evaluate((double[][]) null, new int[] {1}))) {
                assertTrue(assertThrows(BadInputException.class, call).getMessage().startsWith("rows is null"));
            }
        }
    }

    @Test
    void inputsLargerThanOneChunkGiveTheSameFiguresAsRowByRow() {
        // 5000 rows, more than the 4096 columns forwarded at once
        Random r = new Random(7);
        double[][] rows = new double[5000][2];
        int[] labels = new int[rows.length];
        double cost = 0;
        int correct = 0;
        for (int j = 0; j < rows.length; j++) {
            rows[j][0] = 4 * r.nextGaussian();
            rows[j][1] = 4 * r.nextGaussian();
            labels[j] = r.nextInt(2);
            double p = sigmoid(2 * (rows[j][0] - 1) / 2 - (rows[j][1] - 2) / 4 + 0.5);
            cost -= labels[j] == 1 ? Math.log(p) : Math.log(1 - p);
            if ((p > 0.5 ? 1 : 0) == labels[j]) correct++;
        }
        try (TrainedModel model = logistic()) {
            Evaluation e = model.evaluate(rows, labels);
            assertEquals(cost / rows.length, e.cost(), 1e-12);
            assertEquals((double) correct / rows.length, e.accuracy(), 0);
            double[][] p = model.predictProbabilities(rows);
            assertEquals(sigmoid(2 * (rows[4999][0] - 1) / 2 - (rows[4999][1] - 2) / 4 + 0.5), p[4999][0], 1e-14);
        }
    }
}
