package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.check.GradientCheck;
import io.densetrain.check.GradientCheckReport;
import io.densetrain.data.Splits;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainPlan;
import io.densetrain.train.MiniBatchTrainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gradcheck}'s library entry: the same checks as the hand-wired network, refusals named by setting. */
class GradientChecksTest {
    private static final TrainTest BLOBS = Synthetic2D.generate(new Synthetic2D.Spec("blobs", 6, 0, 8, 2, 4, 1));

    private static RunSpec.Builder spec() {
        return RunSpec.builder().data(Splits.of(BLOBS)).normalize(false).architecture(new Architecture(new int[] {4, 5, 3, 1},
                io.densetrain.device.Activation.RELU)).init(Initialization.RANDOM).initScale(1).l2(0.7).device("cpu", 1, false)
                .seed(3).plan(TrainPlan.fullBatch(new TrainConfig(0.1, 40, Long.MAX_VALUE)));
    }

    @Test
    void checksAtInitializationAndAfterTrainingAsTheHandWiredNetwork() {
        GradientCheck.Options options = GradientCheck.Options.defaults();
        GradientChecks.Result result = GradientChecks.run(spec().build(), options, 40, 0);
        assertEquals(List.of(0L, 40L), result.checks().stream().map(GradientCheckReport::iteration).toList());
        assertTrue(result.passed());
        assertTrue(result.device().toLowerCase(java.util.Locale.ROOT).contains("cpu"), result.device());
        RunSpec s = spec().build();
        try (Workspace w = new Workspace(s.data(), s.architecture(), s.regularization(), s.init(), s.initScale(), s.seed(), "cpu", 1,
                false, null, null, Long.MAX_VALUE)) {
            GradientCheckReport atZero = GradientCheck.run(w.network, w.xTrain, w.yTrain, options, 0);
            MiniBatchTrainer.fullBatch(w.network, w.xTrain, w.yTrain, new TrainConfig(0.1, 40, Long.MAX_VALUE));
            GradientCheckReport atForty = GradientCheck.run(w.network, w.xTrain, w.yTrain, options, 40);
            assertEquals(atZero.difference(), result.checks().get(0).difference(), 0);
            assertEquals(atForty.difference(), result.checks().get(1).difference(), 0);
            assertTrue(atForty.difference() < 2e-7, "difference " + atForty.difference());
            assertEquals(6, atForty.blocks().size());
        }
    }

    @Test
    void refusesAFloat32DeviceDropoutAndNegativeCounts() {
        SettingException device = assertThrows(SettingException.class,
                () -> GradientChecks.run(spec().device("cuda", 0, false).build(), GradientCheck.Options.defaults()));
        assertEquals("device", device.setting());
        SettingException precision = assertThrows(SettingException.class, () -> GradientChecks.run(
                spec().device("cpu", 0, false).precision(io.densetrain.device.Precision.FLOAT32).build(), GradientCheck.Options.defaults()));
        assertEquals("precision", precision.setting());
        BadInputException dropout = assertThrows(BadInputException.class,
                () -> GradientChecks.run(spec().keepProb(0.8).build(), GradientCheck.Options.defaults()));
        assertTrue(dropout.getMessage().contains("keep_prob = 1"), dropout.getMessage());
        SettingException at = assertThrows(SettingException.class,
                () -> GradientChecks.run(spec().build(), GradientCheck.Options.defaults(), 5, -1));
        assertEquals("at", at.setting());
    }
}
