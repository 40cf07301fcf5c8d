package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The course's initialization and regularization experiments, on the project's own generated data. */
class CourseExperimentsTest {
    private final Device device = CpuDevice.create(1);

    record Outcome(TrainResult result, double trainAccuracy, double testAccuracy) {
        double gap() {
            return trainAccuracy - testAccuracy;
        }
    }

    private Matrix upload(double[] v, int rows, int cols) {
        Matrix m = device.allocate(rows, cols);
        device.upload(v, m);
        return m;
    }

    private Outcome run(TrainTest split, int[] layers, Initialization init, double scale, Regularization reg,
                        double lr, long iterations) {
        Architecture arch = new Architecture(layers);
        Network net = new Network(device, arch, reg, 1);
        net.initialize(init, scale, 1);
        Dataset tr = split.train(), te = split.test();
        Matrix x = upload(tr.features(), 2, tr.size()), y = upload(tr.targets(1), 1, tr.size());
        Matrix xt = upload(te.features(), 2, te.size()), yt = upload(te.targets(1), 1, te.size());
        TrainResult result = MiniBatchTrainer.fullBatch(net, x, y, new TrainConfig(lr, iterations, 1000));
        return new Outcome(result, MiniBatchTrainer.accuracy(net, x, y), MiniBatchTrainer.accuracy(net, xt, yt));
    }

    @Test
    void initializationOnCircles() {
        TrainTest circles = Synthetic2D.generate(new Synthetic2D.Spec("circles", 300, 100, 0.05, 2, 2, 1));
        int[] layers = {2, 10, 5, 1};
        Regularization none = Regularization.none(3);
        Outcome zeros = run(circles, layers, Initialization.ZEROS, 1, none, 0.01, 15000);
        Outcome random = run(circles, layers, Initialization.RANDOM, 10, none, 0.01, 15000);
        Outcome he = run(circles, layers, Initialization.HE, 1, none, 0.01, 15000);

        // zeros: symmetry never breaks, the cost stays at ln 2 and the classifier predicts one class
        assertEquals(Math.log(2), zeros.result().firstCost(), 1e-12);
        // (only the output bias learns: it drifts to the class prior of a not-quite-balanced sample)
        assertEquals(Math.log(2), zeros.result().finalCost(), 1e-3);
        assertEquals(0.5, zeros.trainAccuracy(), 0.05);
        assertEquals(0.5, zeros.testAccuracy(), 0.1);
        // large random: an enormous first cost, and a worse end than He
        assertTrue(random.result().firstCost() > 5, "first cost " + random.result().firstCost());
        assertTrue(!random.result().notes().isEmpty());
        assertTrue(random.result().finalCost() > he.result().finalCost(),
                random.result().finalCost() + " vs He " + he.result().finalCost());
        // He: the course reports 96% test accuracy
        assertTrue(he.testAccuracy() > 0.93, "He test accuracy " + he.testAccuracy());
        assertTrue(he.result().finalCost() < 0.2, "He final cost " + he.result().finalCost());
    }

    @ParameterizedTest(name = "data seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void regularizationShrinksTheTrainTestGap(long seed) {
        TrainTest moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 200, 0.2, 2, 2, seed));
        int[] layers = {2, 20, 3, 1};
        Outcome none = run(moons, layers, Initialization.XAVIER, 1, Regularization.none(3), 0.3, 30000);
        Outcome l2 = run(moons, layers, Initialization.XAVIER, 1, Regularization.of(0.7, null, 3), 0.3, 30000);
        Outcome dropout = run(moons, layers, Initialization.XAVIER, 1, Regularization.of(0, new double[] {0.86}, 3), 0.3, 30000);
        assertTrue(none.gap() > 0.03, "unregularized gap " + none.gap());
        assertTrue(l2.gap() < none.gap(), "L2 gap " + l2.gap() + " vs " + none.gap());
        assertTrue(dropout.gap() < none.gap(), "dropout gap " + dropout.gap() + " vs " + none.gap());
        assertTrue(l2.testAccuracy() >= none.testAccuracy() && dropout.testAccuracy() >= none.testAccuracy());
    }

    @Test
    void divergenceIsReportedWithTheIteration() {
        TrainTest circles = Synthetic2D.generate(new Synthetic2D.Spec("circles", 100, 0, 0.05, 2, 2, 1));
        Outcome exploded = run(circles, new int[] {2, 10, 5, 1}, Initialization.RANDOM, 10, Regularization.none(3), 1e200, 3000);
        assertTrue(exploded.result().diverged(), exploded.result().stopReason());
        assertTrue(exploded.result().stopReason().contains("iteration"), exploded.result().stopReason());
        assertTrue(exploded.result().stopReason().contains("learning rate"), exploded.result().stopReason());
    }
}
