package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MiniBatchTrainerTest {
    private final Device device = CpuDevice.create(1);
    private final TrainTest moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 150, 60, 0.2, 2, 2, 1));

    @AfterEach
    void close() {
        device.close();
    }

    private Matrix upload(double[] v, int rows, int cols) {
        Matrix m = device.allocate(rows, cols);
        device.upload(v, m);
        return m;
    }

    private Matrix x(Dataset d) {
        return upload(d.features(), 2, d.size());
    }

    private Matrix y(Dataset d) {
        return upload(d.targets(1), 1, d.size());
    }

    private Network network(Regularization reg) {
        Network net = new Network(device, new Architecture(2, 10, 5, 1), reg, 3);
        net.initialize(Initialization.HE, 1, 3);
        return net;
    }

    private static TrainPlan plan(Optimizer.Kind kind, int batch, long epochs, long costEvery, EarlyStopping stop, long ckpt) {
        return new TrainPlan(kind == Optimizer.Kind.GD ? 0.3 : 0.01, batch, epochs, new Optimizer.Spec(kind, 0.9, 0.999, 1e-8),
                0, 11, costEvery, stop, ckpt);
    }

    @Test
    void fullBatchGdIsExactlyTheCoursesBatchGradientDescent() {
        Network a = network(Regularization.none(3)), b = network(Regularization.none(3));
        TrainResult reference = MiniBatchTrainer.fullBatch(a, x(moons.train()), y(moons.train()), new TrainConfig(0.3, 500, 100));
        MiniBatchResult r = MiniBatchTrainer.train(b, x(moons.train()), y(moons.train()), null, null,
                TrainPlan.fullBatch(new TrainConfig(0.3, 500, 100)), MiniBatchTrainer.Hooks.none());
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
        assertEquals(reference.costs(), r.base().costs());
        assertEquals(500, r.base().iterations());
    }

    @Test
    void miniBatchesPartitionEveryEpochAndAskForFreshInputsOncePerEpoch() {
        Network net = network(Regularization.none(3));
        List<Long> asked = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        MiniBatchTrainer.Progress progress = (updates, total, examples) -> {
            batchSizes.add(examples);
            assertEquals(3 * 4, total);
        };
        MiniBatchResult r = MiniBatchTrainer.train(net, x(moons.train()), y(moons.train()), null, null,
                plan(Optimizer.Kind.ADAM, 64, 4, 5, null, 0),
                new MiniBatchTrainer.Hooks(null, progress, epoch -> {
                    asked.add(epoch);
                    return null;
                }, null, null));
        assertEquals(12, r.base().iterations());
        assertEquals(List.of(0L, 1L, 2L, 3L), asked);
        // 150 = 64 + 64 + 22 in every epoch
        assertEquals(List.of(64, 64, 22, 64, 64, 22, 64, 64, 22, 64, 64, 22), batchSizes);
    }

    @Test
    void fullBatchAsksForFreshInputsAtEveryIterationAndTrainsOnThem() {
        Network net = network(Regularization.none(3)), reference = network(Regularization.none(3));
        List<Long> asked = new ArrayList<>();
        double[] flipped = moons.train().features().clone();
        for (int k = 0; k < flipped.length; k++) flipped[k] = -flipped[k];
        Matrix xt = x(moons.train());
        MiniBatchTrainer.train(net, xt, y(moons.train()), null, null, TrainPlan.fullBatch(new TrainConfig(0.3, 5, 10)),
                new MiniBatchTrainer.Hooks(null, null, it -> {
                    asked.add(it);
                    return flipped;
                }, null, null));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), asked);
        // the same as training on the flipped features directly (on the device path as the run above, which
        // fresh inputs keep off the heap path, so that the comparison is bit for bit)
        HeapIterations.maxMacs = -1;
        try {
            MiniBatchTrainer.fullBatch(reference, upload(flipped, 2, moons.train().size()), y(moons.train()), new TrainConfig(0.3, 5, 10));
        } finally {
            HeapIterations.maxMacs = io.densetrain.device.cpu.SmallNetwork.MAX_MACS;
        }
        assertArrayEquals(reference.parameters(), net.parameters(), 0.0);
    }

    @Test
    void adamOnMiniBatchesBeatsGdOnTheSameNumberOfUpdates() {
        Network gd = network(Regularization.none(3)), adam = network(Regularization.none(3));
        Matrix xt = x(moons.train()), yt = y(moons.train());
        MiniBatchTrainer.train(gd, xt, yt, null, null,
                new TrainPlan(0.01, 32, 40, Optimizer.Spec.gd(), 0, 11, 1000, null, 0), MiniBatchTrainer.Hooks.none());
        MiniBatchTrainer.train(adam, xt, yt, null, null,
                new TrainPlan(0.01, 32, 40, new Optimizer.Spec(Optimizer.Kind.ADAM, 0.9, 0.999, 1e-8), 0, 11, 1000, null, 0),
                MiniBatchTrainer.Hooks.none());
        gd.forward(xt, false, 0);
        double gdCost = gd.cost(yt);
        adam.forward(xt, false, 0);
        double adamCost = adam.cost(yt);
        assertTrue(adamCost < 0.5 * gdCost, "adam " + adamCost + " vs gd " + gdCost);
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedWeightsBitForBit() {
        Regularization dropout = Regularization.of(0, new double[] {0.8}, 3);
        Matrix xt = x(moons.train()), yt = y(moons.train()), xd = x(moons.test()), yd = y(moons.test());
        Network straight = network(dropout);
        MiniBatchResult full = MiniBatchTrainer.train(straight, xt, yt, xd, yd, plan(Optimizer.Kind.ADAM, 32, 6, 4, null, 0),
                MiniBatchTrainer.Hooks.none());
        List<TrainState> saved = new ArrayList<>();
        Network first = network(dropout);
        // interrupted after 3 epochs (15 updates of 5 batches), checkpoint every 7 updates and at the end
        MiniBatchTrainer.train(first, xt, yt, xd, yd, plan(Optimizer.Kind.ADAM, 32, 3, 4, null, 7),
                new MiniBatchTrainer.Hooks(null, null, null, null, saved::add));
        assertEquals(List.of(7L, 14L, 15L), saved.stream().map(TrainState::updates).toList());
        Network resumed = network(dropout);
        resumed.setParameters(new double[(int) resumed.layout().total()]); // the checkpoint must supply θ
        MiniBatchResult rest = MiniBatchTrainer.train(resumed, xt, yt, xd, yd, plan(Optimizer.Kind.ADAM, 32, 6, 4, null, 0),
                new MiniBatchTrainer.Hooks(null, null, null, saved.get(1), null));
        assertArrayEquals(straight.parameters(), resumed.parameters(), 0.0);
        assertEquals(full.base().iterations(), rest.base().iterations());
        assertEquals(full.base().costs(), rest.base().costs());
        Network fromEnd = network(dropout);
        MiniBatchTrainer.train(fromEnd, xt, yt, xd, yd, plan(Optimizer.Kind.ADAM, 32, 6, 4, null, 0),
                new MiniBatchTrainer.Hooks(null, null, null, saved.get(2), null));
        assertArrayEquals(straight.parameters(), fromEnd.parameters(), 0.0);
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        // a big network on 40 noisy examples overfits: the dev cost rises after a while
        TrainTest small = Synthetic2D.generate(new Synthetic2D.Spec("moons", 40, 300, 0.35, 2, 2, 2));
        Network net = new Network(device, new Architecture(2, 64, 64, 1), Regularization.none(3), 1);
        net.initialize(Initialization.HE, 1, 1);
        Matrix xd = x(small.test()), yd = y(small.test());
        EarlyStopping stop = new EarlyStopping(EarlyStopping.Metric.DEV_COST, 3, true);
        MiniBatchResult r = MiniBatchTrainer.train(net, x(small.train()), y(small.train()), xd, yd,
                new TrainPlan(0.01, 0, 20000, new Optimizer.Spec(Optimizer.Kind.ADAM, 0.9, 0.999, 1e-8), 0, 1, 100, stop, 0),
                MiniBatchTrainer.Hooks.none());
        assertTrue(r.base().stopReason().startsWith("early stopping at update"), r.base().stopReason());
        assertTrue(r.base().iterations() < 20000);
        long best = r.restoredIteration();
        assertTrue(best >= 0);
        double bestRecorded = r.devCosts().stream().filter(p -> p.iteration() == best).findFirst().orElseThrow().cost();
        double minimum = r.devCosts().stream().mapToDouble(CostPoint::cost).min().orElseThrow();
        assertEquals(minimum, bestRecorded, 0.0);
        net.forward(xd, false, 0);
        assertEquals(bestRecorded, net.cost(yd), 1e-12, "the network holds the best weights again");
        assertEquals(r.devCosts().get(r.devCosts().size() - 1).iteration(), best + 3 * 100);
    }

    @Test
    void badPlansAreOneClearError() {
        Network net = network(Regularization.none(3));
        BadInputException tooBig = assertThrows(BadInputException.class, () -> MiniBatchTrainer.train(net, x(moons.train()),
                y(moons.train()), null, null, plan(Optimizer.Kind.GD, 151, 1, 1, null, 0), MiniBatchTrainer.Hooks.none()));
        assertTrue(tooBig.getMessage().contains("larger than the 150 training examples"), tooBig.getMessage());
        assertThrows(BadInputException.class, () -> Optimizer.Kind.parse("sgdx"));
        assertThrows(BadInputException.class, () -> MiniBatchTrainer.train(net, x(moons.train()), y(moons.train()), null, null,
                plan(Optimizer.Kind.GD, 0, 1, 1, new EarlyStopping(EarlyStopping.Metric.DEV_COST, 2, true), 0),
                MiniBatchTrainer.Hooks.none()));
    }

    @Test
    void learningRateDecaysAsTheCourseWritesIt() {
        TrainPlan p = new TrainPlan(0.2, 0, 10, Optimizer.Spec.gd(), 1.0, 1, 1, null, 0);
        assertEquals(0.2, p.learningRate(0), 0);
        assertEquals(0.1, p.learningRate(1), 1e-15);
        assertEquals(0.2 / 4, p.learningRate(3), 1e-15);
    }
}
