package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heap path of small full-batch runs (HeapIterations → SmallNetwork) against the device path on
 * the same network and data: every recorded cost and the final θ agree to rounding, with L2, with
 * dropout on the input and hidden layers (the same masks, or the costs would differ in the second
 * digit), with tanh hidden units and with a softmax output; and the path is chosen only where it applies.
 */
class HeapIterationsTest {
    private final Device device = CpuDevice.create(2);

    @AfterEach
    void close() {
        HeapIterations.maxMacs = io.densetrain.device.cpu.SmallNetwork.MAX_MACS;
        device.close();
    }

    private Matrix upload(double[] v, int rows, int cols) {
        Matrix m = device.allocate(rows, cols);
        device.upload(v, m);
        return m;
    }

    private record Run(TrainResult result, double[] theta) {
    }

    private Run train(Dataset data, int[] sizes, Activation hidden, Regularization reg, boolean heap) {
        HeapIterations.maxMacs = heap ? Long.MAX_VALUE : -1;
        int outputs = sizes[sizes.length - 1];
        Network network = new Network(device, new Architecture(sizes, hidden), reg, 5);
        network.initialize(Initialization.XAVIER, 1, 2);
        TrainResult r = MiniBatchTrainer.fullBatch(network, upload(data.features(), sizes[0], data.size()),
                upload(data.targets(outputs == 1 ? 1 : outputs), outputs, data.size()), new TrainConfig(0.3, 700, 100));
        return new Run(r, network.parameters());
    }

    private void assertSame(Dataset data, int[] sizes, Activation hidden, Regularization reg) {
        Run device = train(data, sizes, hidden, reg, false), heap = train(data, sizes, hidden, reg, true);
        assertEquals(device.result().costs().size(), heap.result().costs().size());
        for (int i = 0; i < device.result().costs().size(); i++) {
            double a = device.result().costs().get(i).cost(), b = heap.result().costs().get(i).cost();
            assertEquals(device.result().costs().get(i).iteration(), heap.result().costs().get(i).iteration());
            assertEquals(a, b, 1e-11 * Math.max(1, Math.abs(a)), "cost at record " + i);
        }
        for (int k = 0; k < device.theta().length; k++) {
            assertEquals(device.theta()[k], heap.theta()[k], 1e-10 * Math.max(1, Math.abs(device.theta()[k])), "θ[" + k + "]");
        }
        assertEquals(device.result().stopReason(), heap.result().stopReason());
    }

    /**
     * The heap path splits the examples into two halves whether or not it has a second thread, so a run on one
     * thread and on two gives the same θ bit for bit (with dropout, L2, and fewer than 16 examples, where half 0 is empty).
     */
    @Test
    void heapIterationsDoNotDependOnTheThreadCount() {
        Dataset moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 0, 0.2, 2, 2, 1)).train();
        Dataset few = Synthetic2D.generate(new Synthetic2D.Spec("moons", 13, 0, 0.2, 2, 2, 1)).train();
        Regularization both = Regularization.of(0.3, new double[] {0.9, 0.86, 0.86}, 3);
        for (Dataset data : new Dataset[] {moons, few}) {
            double[][] theta = new double[2][];
            for (int threads = 1; threads <= 2; threads++) {
                try (CpuDevice cpu = CpuDevice.create(threads)) {
                    HeapIterations.maxMacs = Long.MAX_VALUE;
                    Network network = new Network(cpu, new Architecture(new int[] {2, 20, 3, 1}, Activation.RELU), both, 5);
                    network.initialize(Initialization.XAVIER, 1, 2);
                    Matrix x = cpu.allocate(2, data.size()), y = cpu.allocate(1, data.size());
                    cpu.upload(data.features(), x);
                    cpu.upload(data.targets(1), y);
                    MiniBatchTrainer.fullBatch(network, x, y, new TrainConfig(0.3, 300, 100));
                    theta[threads - 1] = network.parameters();
                }
            }
            for (int k = 0; k < theta[0].length; k++) {
                assertEquals(Double.doubleToRawLongBits(theta[0][k]), Double.doubleToRawLongBits(theta[1][k]), "θ[" + k + "], m = " + data.size());
            }
        }
    }

    @Test
    void heapIterationsMatchTheDevicePath() {
        Dataset moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 0, 0.2, 2, 2, 1)).train();
        int[] course = {2, 20, 3, 1};
        assertSame(moons, course, Activation.RELU, Regularization.none(3));
        assertSame(moons, course, Activation.RELU, Regularization.of(0.7, null, 3));
        assertSame(moons, course, Activation.RELU, Regularization.of(0, new double[] {0.9, 0.86, 0.86}, 3));
        assertSame(moons, course, Activation.TANH, Regularization.of(0.1, new double[] {0.8}, 3));
        Dataset few = Synthetic2D.generate(new Synthetic2D.Spec("moons", 13, 0, 0.2, 2, 2, 1)).train(); // half 0 empty
        assertSame(few, course, Activation.RELU, Regularization.of(0.3, new double[] {0.9, 0.86, 0.86}, 3));
        Dataset odd = Synthetic2D.generate(new Synthetic2D.Spec("moons", 37, 0, 0.2, 2, 2, 1)).train(); // halves 16 and 21
        assertSame(odd, course, Activation.RELU, Regularization.of(0, new double[] {0.86}, 3));
        Dataset blobs = Synthetic2D.generate(new Synthetic2D.Spec("blobs", 150, 0, 1.0, 3, 2, 4)).train();
        assertSame(blobs, new int[] {2, 8, 3}, Activation.RELU, Regularization.of(0, new double[] {0.75}, 2));
    }

    @Test
    void dropoutMasksAreTheDevicesOwn() {
        // a different mask seed changes the costs well beyond rounding, so the agreement above is the masks'
        Dataset moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 0, 0.2, 2, 2, 1)).train();
        Regularization reg = Regularization.of(0, new double[] {0.86}, 3);
        Run heap = train(moons, new int[] {2, 20, 3, 1}, Activation.RELU, reg, true);
        Network other = new Network(device, new Architecture(2, 20, 3, 1), reg, 6);
        other.initialize(Initialization.XAVIER, 1, 2);
        HeapIterations.maxMacs = -1;
        TrainResult r = MiniBatchTrainer.fullBatch(other, upload(moons.features(), 2, moons.size()), upload(moons.targets(1), 1, moons.size()),
                new TrainConfig(0.3, 700, 100));
        double a = heap.result().costs().get(3).cost(), b = r.costs().get(3).cost();
        assertTrue(Math.abs(a - b) > 1e-6, "costs " + a + " and " + b);
    }

    @Test
    void chosenOnlyWhereItApplies() {
        Dataset moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 0, 0.2, 2, 2, 1)).train();
        Network small = new Network(device, new Architecture(2, 20, 3, 1), Regularization.none(3), 1);
        ResidentBatches data = new ResidentBatches(device, upload(moons.features(), 2, 211), upload(moons.targets(1), 1, 211));
        TrainPlan gd = TrainPlan.fullBatch(new TrainConfig(0.3, 10, 5));
        assertNotNull(HeapIterations.open(small, data, gd, MiniBatchTrainer.Hooks.none()));
        TrainPlan adam = new TrainPlan(0.01, 0, 10, new Optimizer.Spec(Optimizer.Kind.ADAM, 0.9, 0.999, 1e-8), 0, 1, 5, null, 0);
        assertNull(HeapIterations.open(small, data, adam, MiniBatchTrainer.Hooks.none()));
        TrainPlan batches = new TrainPlan(0.3, 32, 10, Optimizer.Spec.gd(), 0, 1, 5, null, 0);
        assertNull(HeapIterations.open(small, data, batches, MiniBatchTrainer.Hooks.none()));
        HeapIterations.maxMacs = io.densetrain.device.cpu.SmallNetwork.macs(new int[] {2, 20, 3, 1}, 211) - 1;
        assertNull(HeapIterations.open(small, data, gd, MiniBatchTrainer.Hooks.none()));
    }
}
