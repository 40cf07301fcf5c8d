package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.plot.Plots;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** J = cross-entropy + (λ/2m)·Σ‖W‖²_F, by hand and in every record; the L2 penalty in PyTorch's and Keras's terms. */
class CostSplitTest {
    private final Device device = CpuDevice.create(1);

    @Test
    void thePartsByHand() {
        // [2, 2, 1], W1 = [[1, -1], [0.5, 2]], W2 = [[1, 1]], b = (0, -1), 0.5; two examples
        Network net = new Network(device, new Architecture(2, 2, 1), Regularization.of(0.4, null, 2), 1);
        net.setParameters(new double[] {1, 0.5, -1, 2, 1, 1, 0, -1, 0.5});
        Matrix x = device.allocate(2, 2), y = device.allocate(1, 2);
        device.upload(new double[] {1, 1, 0, 0}, x);
        device.upload(new double[] {1, 0}, y);
        net.forward(x, false, 0);
        // example 1: Z2 = 2 (see NetworkTest); example 2: A1 = relu(0, −1) = 0, Z2 = 0.5
        double a1 = 1 / (1 + Math.exp(-2)), a2 = 1 / (1 + Math.exp(-0.5));
        double crossEntropy = (-Math.log(a1) - Math.log(1 - a2)) / 2;
        double l2 = 0.4 / (2 * 2) * (1 + 0.25 + 1 + 4 + 1 + 1); // (λ/2m)·Σ‖W‖², m = 2
        Network.Cost parts = net.costParts(y);
        assertEquals(crossEntropy, parts.crossEntropy(), 1e-15);
        assertEquals(l2, parts.l2Term(), 1e-15);
        assertEquals(parts.crossEntropy() + parts.l2Term(), net.cost(y), 0); // the sum, bit for bit
        // λ = 0: the L2 term is 0 and J is the cross-entropy alone
        Network plain = new Network(device, new Architecture(2, 2, 1), Regularization.none(2), 1);
        plain.setParameters(net.parameters());
        plain.forward(x, false, 0);
        assertEquals(0.0, plain.costParts(y).l2Term(), 0);
        assertEquals(parts.crossEntropy(), plain.cost(y), 0);
    }

    @Test
    void everyRecordOfTrainAndDevCarriesBothParts() {
        Architecture arch = new Architecture(3, 4, 1);
        Network net = new Network(device, arch, Regularization.of(0.7, null, arch.depth()), 1);
        net.initialize(Initialization.HE, 1, 3);
        Random random = new Random(5);
        double[] xs = new double[3 * 40], ys = new double[40];
        for (int i = 0; i < xs.length; i++) xs[i] = random.nextGaussian();
        for (int j = 0; j < 40; j++) ys[j] = xs[3 * j] > 0 ? 1 : 0;
        Matrix x = device.allocate(3, 30), y = device.allocate(1, 30), xd = device.allocate(3, 10), yd = device.allocate(1, 10);
        device.upload(java.util.Arrays.copyOf(xs, 90), x);
        device.upload(java.util.Arrays.copyOf(ys, 30), y);
        device.upload(java.util.Arrays.copyOfRange(xs, 90, 120), xd);
        device.upload(java.util.Arrays.copyOfRange(ys, 30, 40), yd);
        TrainPlan plan = new TrainPlan(0.1, 8, 5, Optimizer.Spec.gd(), 0, 1, 3, null, 0);
        MiniBatchResult r = MiniBatchTrainer.train(net, x, y, xd, yd, plan, MiniBatchTrainer.Hooks.none());
        for (List<CostPoint> points : List.of(r.base().costs(), r.devCosts())) {
            assertTrue(points.size() > 3);
            for (CostPoint p : points) {
                assertTrue(p.l2Term() > 0 && p.crossEntropy() > 0, p.toString());
                assertEquals(p.crossEntropy() + p.l2Term(), p.cost(), 0);
            }
        }
        assertEquals(r.base().finalCrossEntropy() + r.base().finalL2Term(), r.base().finalCost(), 0);
        // the plot draws the parts only when λ > 0
        var chart = Plots.costChart("t", r.base().costs(), r.devCosts());
        assertEquals(List.of("train J", "dev J", "train cross-entropy", "train L2 term", "dev cross-entropy"),
                List.copyOf(chart.getSeriesMap().keySet()));
        var noL2 = List.of(CostPoint.of(0, 0.7, 0), CostPoint.of(1, 0.6, 0));
        assertEquals(List.of("train J"), List.copyOf(Plots.costChart("t", noL2, List.of()).getSeriesMap().keySet()));
    }

    @Test
    void l2EquivalentsUseTheExamplesOfAnUpdate() {
        TrainConfig config = new TrainConfig(0.01, 10, 1);
        L2Equivalents full = L2Equivalents.of(0.7, TrainPlan.fullBatch(config), 300);
        assertEquals(300, full.m());
        assertEquals(0.7 / 300, full.pytorchWeightDecay(), 0);
        assertEquals(0.7 / 600, full.kerasL2(), 0);
        assertEquals("training set size (full batch)", full.mSource());
        TrainPlan batches = new TrainPlan(0.01, 64, 3, Optimizer.Spec.gd(), 0, 1, 1, null, 0);
        L2Equivalents mini = L2Equivalents.of(0.5, batches, 300);
        assertEquals(64, mini.m());
        assertEquals(300 - 4 * 64, mini.lastBatchM()); // 44
        assertEquals(0.5 / 64, mini.pytorchWeightDecay(), 0);
        assertEquals(0.5 / 128, mini.kerasL2(), 0);
        assertTrue(mini.describe().contains("the last batch of each epoch has 44 examples"), mini.describe());
        assertNull(L2Equivalents.of(0, batches, 300));
    }

    @Test
    void weightDecayOfTorchIsTheSameUpdate() {
        // One SGD step with densetrain's L2 equals one step of the unregularized gradient plus wd·W with wd = λ/m (torch's
        // weight_decay), on the weights; the biases get no decay.
        Architecture arch = new Architecture(2, 3, 1);
        double lambda = 0.9;
        int m = 5;
        Network l2 = new Network(device, arch, Regularization.of(lambda, null, 2), 1), plain = new Network(device, arch, Regularization.none(2), 1);
        l2.initialize(Initialization.HE, 1, 2);
        plain.setParameters(l2.parameters());
        Matrix x = device.allocate(2, m), y = device.allocate(1, m);
        device.upload(new double[] {1, 2, -1, 0.5, 0.3, -2, 2, 2, -0.5, 1}, x);
        device.upload(new double[] {1, 0, 1, 1, 0}, y);
        l2.forward(x, true, 0);
        l2.backward(y);
        plain.forward(x, true, 0);
        plain.backward(y);
        double[] g = l2.gradientValues(), g0 = plain.gradientValues(), w = l2.parameters();
        double wd = L2Equivalents.of(lambda, TrainPlan.fullBatch(new TrainConfig(0.1, 1, 1)), m).pytorchWeightDecay();
        long weights = l2.layout().weightCount();
        for (int i = 0; i < g.length; i++) {
            assertEquals(g0[i] + (i < weights ? wd * w[i] : 0), g[i], 1e-15, "coordinate " + i);
        }
    }
}
