package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.data.Dataset;
import io.densetrain.data.Normalization;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model's inputs read from files (evaluate --data, predict --input / --image) through the library. */
class ModelInputTest {
    @TempDir
    Path dir;

    /** Logistic regression [2, 1] on features a, b: W = [2, −1], b = 0.5, μ = (1, 2), σ = (2, 4) (as TrainedModelTest). */
    private static final SavedModel LOGISTIC = new SavedModel(new Architecture(2, 1), true,
            new Normalization(new double[] {1, 2}, new double[] {2, 4}), List.of("a", "b"), null, null, Map.of(),
            new double[] {2, -1, 0.5});

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void aLabelledCsvEvaluatesToTheHandComputedCostAndAccuracy() throws IOException {
        Path csv = Files.writeString(dir.resolve("test.csv"), "a,b,y\n3,6,1\n1,2,0\n-1,10,0\n");
        Dataset d = ModelInput.labelled(LOGISTIC, csv, null, null, null, null);
        try (TrainedModel model = TrainedModel.of(LOGISTIC)) {
            Evaluation e = model.evaluate(d);
            // z = 1.5, 0.5, −3.5 (TrainedModelTest's rows)
            double expected = -(Math.log(sigmoid(1.5)) + Math.log(1 - sigmoid(0.5)) + Math.log(1 - sigmoid(-3.5))) / 3;
            assertEquals(expected, e.cost(), 1e-14);
            assertEquals(2.0 / 3, e.accuracy(), 0);
        }
    }

    @Test
    void csvFeaturesAreReadByNameAndWrongColumnsAreRefused() throws IOException {
        Path swapped = Files.writeString(dir.resolve("in.csv"), "b,a\n6,3\n2,1\n");
        assertArrayEquals(new double[] {3, 6, 1, 2}, ModelInput.features(LOGISTIC, swapped, null), 0);
        Path other = Files.writeString(dir.resolve("other.csv"), "a,c,y\n1,2,0\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ModelInput.labelled(LOGISTIC, other, null, null, null, null));
        assertTrue(e.getMessage().contains("differ from the model's [a, b]"), e.getMessage());
        SettingException labels = assertThrows(SettingException.class,
                () -> ModelInput.labelled(LOGISTIC, other, dir.resolve("y.npy"), null, null, null));
        assertEquals("dataLabels", labels.setting());
    }

    @Test
    void npyFeaturesWrittenByNumpyAreCheckedAgainstTheModel() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 with numpy to write the .npy files");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy as np, sys; d = sys.argv[1];"
                + "np.save(d + '/x.npy', np.array([[3., 6.], [1., 2.], [-1., 10.]]));"
                + "np.save(d + '/wide.npy', np.zeros((2, 3)))", dir.toString()).inheritIO().start();
        assumeTrue(p.waitFor() == 0, "numpy could not write the .npy files");
        assertArrayEquals(new double[] {3, 6, 1, 2, -1, 10}, ModelInput.features(LOGISTIC, dir.resolve("x.npy"), null), 0);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelInput.features(LOGISTIC, dir.resolve("wide.npy"), null));
        assertTrue(e.getMessage().contains("examples of 3 features but the model takes 2 features"), e.getMessage());
    }

    @Test
    void aModelNotTrainedOnPicturesHasNoImageShape() {
        BadInputException e = assertThrows(BadInputException.class, () -> ModelInput.imageShape(LOGISTIC, Path.of("model")));
        assertTrue(e.getMessage().startsWith("model: the model was not trained on pictures"), e.getMessage());
    }
}
