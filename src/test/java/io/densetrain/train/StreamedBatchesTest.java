package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.device.BudgetedDevice;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A training set that does not fit on a memory-budgeted device is streamed from the host, and trains
 * bit for bit as the resident path on the plain CPU device: same batches, same order, same weights.
 */
class StreamedBatchesTest {
    private static final Architecture ARCH = new Architecture(2, 10, 5, 1);
    private static final Regularization REG = Regularization.of(0.1, new double[] {0.9}, ARCH.depth());
    private final TrainTest moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 150, 60, 0.2, 2, 2, 1));
    private final double[] x = moons.train().features(), y = moons.train().targets(1);

    private static Network network(Device device) {
        Network net = new Network(device, ARCH, REG, 3);
        net.initialize(Initialization.HE, 1, 3);
        return net;
    }

    private static Matrix upload(Device device, double[] v, int rows) {
        Matrix m = device.allocate(rows, v.length / rows);
        device.upload(v, m);
        return m;
    }

    private static TrainPlan plan(int batch, long epochs, long checkpointEvery) {
        return new TrainPlan(0.01, batch, epochs, new Optimizer.Spec(Optimizer.Kind.ADAM, 0.9, 0.999, 1e-8), 0.1, 11, 3, null,
                checkpointEvery);
    }

    /** What the resident path gives on the plain CPU device. */
    private record Reference(double[] theta, MiniBatchResult result, double accuracy) {
    }

    private Reference resident(TrainPlan plan, EpochInputs inputs) {
        try (Device cpu = CpuDevice.create(1)) {
            Network net = network(cpu);
            Matrix xt = upload(cpu, x, 2), yt = upload(cpu, y, 1);
            MiniBatchResult r = MiniBatchTrainer.train(net, xt, yt, upload(cpu, moons.test().features(), 2),
                    upload(cpu, moons.test().targets(1), 1), plan, new MiniBatchTrainer.Hooks(null, null, inputs, null, null));
            return new Reference(net.parameters(), r, MiniBatchTrainer.accuracy(net, upload(cpu, x, 2), yt));
        }
    }

    /**
     * A budget (beyond what θ, dθ and the dev set take) just below what the resident path needs, so the
     * data must be streamed: residentBytes − 1000 leaves room for the streamed estimate, which is 1800
     * bytes smaller (3·150 data elements at 4 bytes). For adam and batches of 32 that is
     * 4·(3·150 + 3·32 + 67·(32 + 60) + 2·91) − 1000 = 26568 bytes.
     */
    private static long tightBudget(Device probe, TrainPlan plan, int m) {
        Network net = network(probe);
        DataPlacement unlimited = DataPlacement.decide(net, plan, 2, 1, m, 60, Long.MAX_VALUE);
        assertFalse(unlimited.streamed());
        probe.close();
        return unlimited.residentBytes() - 1000;
    }

    /** θ, dθ and the dev set on a budgeted device, then the decision against what is left. */
    private record Budgeted(Device device, Network network, Matrix xDev, Matrix yDev, DataPlacement placement) {
    }

    private Budgeted budgeted(Device cpu, long budgetBeyondSetup, TrainPlan plan) {
        long setup = 4L * 2 * 91 + 4L * 3 * 60; // θ and dθ (91 parameters), X and Y of the 60 dev examples
        Device device = BudgetedDevice.wrap(cpu, setup + budgetBeyondSetup);
        Network net = network(device);
        Matrix xd = upload(device, moons.test().features(), 2), yd = upload(device, moons.test().targets(1), 1);
        assertEquals(budgetBeyondSetup, device.freeBytes());
        DataPlacement placement = DataPlacement.decide(net, plan, 2, 1, x.length / 2, 60, device.freeBytes());
        return new Budgeted(device, net, xd, yd, placement);
    }

    @Test
    void streamedTrainingIsBitIdenticalToTheResidentPath() {
        TrainPlan plan = plan(32, 5, 0); // 150 examples: batches of 32, 32, 32, 32, 22
        Reference reference = resident(plan, null);
        try (Device cpu = CpuDevice.create(1)) {
            Budgeted b = budgeted(cpu, tightBudget(BudgetedDevice.wrap(CpuDevice.create(1), Long.MAX_VALUE), plan, 150), plan);
            assertTrue(b.placement().streamed(), b.placement().describe());
            // the budget is enforced on every allocation: streaming must train within it
            try (StreamedBatches data = new StreamedBatches(b.device(), x, y, 2, 1)) {
                MiniBatchResult r = MiniBatchTrainer.train(b.network(), data, b.xDev(), b.yDev(), plan, MiniBatchTrainer.Hooks.none());
                assertArrayEquals(reference.theta(), b.network().parameters(), 0.0);
                assertEquals(reference.result().base().costs(), r.base().costs());
                assertEquals(reference.result().devCosts(), r.devCosts());
                assertEquals(25, r.base().iterations());
                assertEquals(reference.accuracy(), data.accuracy(b.network(), 32), 0.0);
            }
        }
    }

    @Test
    void augmentedEpochsStreamBitIdenticallyToo() {
        TrainPlan plan = plan(32, 4, 0);
        EpochInputs inputs = epoch -> {
            double[] fresh = x.clone();
            for (int i = 0; i < fresh.length; i++) fresh[i] *= 1 + 0.05 * epoch;
            return fresh;
        };
        Reference reference = resident(plan, inputs);
        try (Device cpu = CpuDevice.create(1)) {
            Budgeted b = budgeted(cpu, tightBudget(BudgetedDevice.wrap(CpuDevice.create(1), Long.MAX_VALUE), plan, 150), plan);
            try (StreamedBatches data = new StreamedBatches(b.device(), x, y, 2, 1)) {
                MiniBatchTrainer.train(b.network(), data, b.xDev(), b.yDev(), plan,
                        new MiniBatchTrainer.Hooks(null, null, inputs, null, null));
                assertArrayEquals(reference.theta(), b.network().parameters(), 0.0);
            }
        }
    }

    @Test
    void aStreamedRunResumedMidEpochEndsWithTheUninterruptedWeights() {
        Reference reference = resident(plan(32, 4, 0), null);
        List<TrainState> saved = new ArrayList<>();
        try (Device cpu = CpuDevice.create(1); StreamedBatches data = new StreamedBatches(cpu, x, y, 2, 1)) {
            Network first = network(cpu);
            Matrix xd = upload(cpu, moons.test().features(), 2), yd = upload(cpu, moons.test().targets(1), 1);
            MiniBatchTrainer.train(first, data, xd, yd, plan(32, 2, 7), new MiniBatchTrainer.Hooks(null, null, null, null, saved::add));
            assertEquals(7L, saved.get(0).updates()); // update 7 is batch 2 of epoch 1
            Network resumed = network(cpu);
            MiniBatchTrainer.train(resumed, data, xd, yd, plan(32, 4, 0),
                    new MiniBatchTrainer.Hooks(null, null, null, saved.get(0), null));
            assertArrayEquals(reference.theta(), resumed.parameters(), 0.0);
        }
    }

    @Test
    void fullBatchThatDoesNotFitNamesABatchSizeAndThatBatchTrainsWithinTheBudget() {
        TrainPlan full = TrainPlan.fullBatch(new TrainConfig(0.1, 10, 5));
        try (Device cpu = CpuDevice.create(1)) {
            long budget = tightBudget(BudgetedDevice.wrap(CpuDevice.create(1), Long.MAX_VALUE), plan(32, 1, 0), 150); // far below full batch's 150-wide workspace
            Device device = BudgetedDevice.wrap(cpu, 4L * 2 * 91 + 4L * 3 * 60 + budget);
            Network net = network(device);
            upload(device, moons.test().features(), 2);
            upload(device, moons.test().targets(1), 1);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> DataPlacement.decide(net, full, 2, 1, 150, 60, device.freeBytes()));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("full-batch training keeps it on the device"), e.getMessage());
            Matcher m = Pattern.compile("add batchSize \\(--batch-size\\) (\\d+) to stream it from the host \\(a batch of at most (\\d+) examples fits\\)")
                    .matcher(e.getMessage());
            assertTrue(m.find(), e.getMessage());
            int suggested = Integer.parseInt(m.group(1)), most = Integer.parseInt(m.group(2));
            // gd, streamed: 4·(3·B + 67·(B + 60)) ≤ 26568 gives B ≤ 37.46
            assertEquals(37, most, e.getMessage());
            assertEquals(32, suggested);
            // the largest batch that fits trains streamed without exceeding the budget (gd, as in full-batch mode)
            TrainPlan streamed = new TrainPlan(0.1, most, 2, Optimizer.Spec.gd(), 0, 1, 5, null, 0);
            DataPlacement placement = DataPlacement.decide(net, streamed, 2, 1, 150, 60, device.freeBytes());
            assertTrue(placement.streamed());
            // one example more is refused with the size that fits
            TrainPlan tooWide = new TrainPlan(0.1, most + 1, 2, Optimizer.Spec.gd(), 0, 1, 5, null, 0);
            BadInputException wide = assertThrows(BadInputException.class,
                    () -> DataPlacement.decide(net, tooWide, 2, 1, 150, 60, device.freeBytes()));
            assertTrue(wide.getMessage().contains("a batch of " + (most + 1) + " does not fit streamed either: use batchSize (--batch-size) 32"
                    + " (at most 37 examples fit)"), wide.getMessage());
            try (StreamedBatches data = new StreamedBatches(device, x, y, 2, 1)) {
                MiniBatchTrainer.train(net, data, null, null, streamed, MiniBatchTrainer.Hooks.none());
            }
        }
    }

    @Test
    void dataThatFitStayResidentAndTheCpuDeviceHasNoLimit() {
        try (Device cpu = CpuDevice.create(1)) {
            Network net = network(cpu);
            assertEquals(Long.MAX_VALUE, cpu.freeBytes());
            assertEquals(8, cpu.elementBytes());
            DataPlacement p = DataPlacement.decide(net, plan(32, 1, 0), 2, 1, 150, 60, cpu.freeBytes());
            assertFalse(p.streamed());
            assertEquals("resident", p.label());
            // Z and A of layers 1..3 (2·16), dropout masks of layers 1 and 2 (15), two deltas of the widest layer (2·10)
            assertEquals(67, net.workspaceElementsPerExample());
            // 3·150 data elements at 8 bytes; resident adds 3·32 batch buffers, 67·(32 + 60) workspace, 2·91 Adam state
            assertEquals(8L * 3 * 150, p.dataBytes());
            assertEquals(8L * (3 * 150 + 3 * 32 + 67 * (32 + 60) + 2 * 91), p.residentBytes());
        }
    }

    @Test
    void streamingFullBatchThroughTheTrainerIsRefused() {
        try (Device cpu = CpuDevice.create(1); StreamedBatches data = new StreamedBatches(cpu, x, y, 2, 1)) {
            assertThrows(IllegalArgumentException.class, () -> MiniBatchTrainer.train(network(cpu), data, null, null,
                    TrainPlan.fullBatch(new TrainConfig(0.1, 2, 1)), MiniBatchTrainer.Hooks.none()));
        }
    }
}
