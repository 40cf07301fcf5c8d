package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainingEvent.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Early stopping, divergence and checkpoints as listeners: the events they get, their decisions, their schedule. */
class TrainingListenersTest {
    private final Device device = CpuDevice.create(1);
    private final TrainTest moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 150, 60, 0.3, 2, 2, 1));

    @AfterEach
    void close() {
        device.close();
    }

    private Matrix upload(Dataset d, boolean targets) {
        double[] v = targets ? d.targets(1) : d.features();
        Matrix m = device.allocate(targets ? 1 : 2, d.size());
        device.upload(v, m);
        return m;
    }

    private Network network(Activation hidden) {
        Network net = new Network(device, new Architecture(new int[] {2, 10, 5, 1}, hidden), Regularization.of(0.1, new double[] {0.8}, 3), 3);
        net.initialize(Initialization.HE, 1, 3);
        return net;
    }

    private MiniBatchResult train(Network net, TrainPlan plan, TrainingListener listener, TrainState.Sink sink) {
        return MiniBatchTrainer.train(net, upload(moons.train(), false), upload(moons.train(), true), upload(moons.test(), false),
                upload(moons.test(), true), plan, new MiniBatchTrainer.Hooks(listener, null, null, null, sink));
    }

    private static TrainPlan adam(double lr, long epochs, long costEvery, EarlyStopping stopping, long checkpointEvery) {
        return new TrainPlan(lr, 32, epochs, new Optimizer.Spec(Optimizer.Kind.ADAM, 0.9, 0.999, 1e-8), 0, 11, costEvery,
                stopping, checkpointEvery);
    }

    /** Keras-style early stopping written by a user on DEV events: patience 3 on the dev cost, no restore. */
    private static final class UserEarlyStopping implements TrainingListener {
        double best = Double.POSITIVE_INFINITY;
        int stale;

        @Override
        public Set<Kind> kinds() {
            return EnumSet.of(Kind.DEV);
        }

        @Override
        public void onEvent(TrainingEvent e) {
            if (e.devCost().cost() < best) {
                best = e.devCost().cost();
                stale = 0;
            } else if (++stale >= 3) {
                e.stop("dev cost stale");
            }
        }
    }

    @Test
    void aUserEarlyStoppingOnDevEventsStopsExactlyWhereTheBuiltInOneDoes() {
        Network builtIn = network(Activation.RELU), user = network(Activation.RELU);
        MiniBatchResult a = train(builtIn, adam(0.05, 60, 4, new EarlyStopping(EarlyStopping.Metric.DEV_COST, 3, false), 0), null, null);
        MiniBatchResult b = train(user, adam(0.05, 60, 4, null, 0), new UserEarlyStopping(), null);
        assertTrue(a.base().stopReason().startsWith("early stopping at update 20: dev-cost did not improve for 3 evaluations"),
                a.base().stopReason());
        assertEquals("stopped at update 20 (epoch 4): dev cost stale", b.base().stopReason());
        assertEquals(20, a.base().iterations());
        assertEquals(a.base().iterations(), b.base().iterations());
        // the same records: the stop comes after the dev metrics of update 20 and before its training cost
        assertEquals(a.base().costs(), b.base().costs());
        assertEquals(16, a.base().costs().get(a.base().costs().size() - 1).iteration());
        assertEquals(a.devCosts(), b.devCosts());
        assertEquals(20, a.devCosts().get(a.devCosts().size() - 1).iteration());
        assertEquals(a.devAccuracies(), b.devAccuracies());
        assertArrayEquals(builtIn.parameters(), user.parameters(), 0.0);
    }

    @Test
    void onTheHeapPathToo() {
        // full-batch gd of a small network runs its updates between records on the heap (HeapIterations)
        Network builtIn = network(Activation.RELU), user = network(Activation.RELU);
        TrainPlan gd = new TrainPlan(2.0, 0, 3000, Optimizer.Spec.gd(), 0, 11, 50, null, 0);
        MiniBatchResult a = train(builtIn, new TrainPlan(2.0, 0, 3000, Optimizer.Spec.gd(), 0, 11, 50,
                new EarlyStopping(EarlyStopping.Metric.DEV_COST, 3, false), 0), null, null);
        MiniBatchResult b = train(user, gd, new UserEarlyStopping(), null);
        assertTrue(a.base().stopReason().startsWith("early stopping at update"), a.base().stopReason());
        assertTrue(a.base().iterations() < 3000);
        assertEquals(a.base().iterations(), b.base().iterations());
        assertEquals(a.base().costs(), b.base().costs());
        assertEquals(a.devCosts(), b.devCosts());
        assertArrayEquals(builtIn.parameters(), user.parameters(), 0.0);
    }

    @Test
    void plainListenersSeeOnlyRecordsAndEpochEnds() {
        List<Kind> seen = new ArrayList<>();
        List<Kind> all = new ArrayList<>();
        TrainingListener everything = new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent e) {
                all.add(e.kind());
            }

            @Override
            public Set<Kind> kinds() {
                return EnumSet.allOf(Kind.class);
            }
        };
        train(network(Activation.RELU), adam(0.01, 2, 4, new EarlyStopping(EarlyStopping.Metric.DEV_COST, 50, true), 3),
                TrainingListener.all(List.of(e -> seen.add(e.kind()), everything)), states -> { });
        // 2 epochs of 5 batches: records at 0, 4, 8, 9; epoch ends after 5 and 10; checkpoints at 3, 6, 9 and the end
        assertEquals(List.of(Kind.RECORD, Kind.RECORD, Kind.EPOCH_END, Kind.RECORD, Kind.RECORD, Kind.EPOCH_END), seen);
        assertEquals(List.of(Kind.DEV, Kind.RECORD, Kind.CHECKPOINT, Kind.DEV, Kind.RECORD, Kind.EPOCH_END, Kind.CHECKPOINT,
                Kind.DEV, Kind.RECORD, Kind.CHECKPOINT, Kind.DEV, Kind.RECORD, Kind.EPOCH_END, Kind.END), all);
    }

    @Test
    void aRunResumedFromTheFinalCheckpointOfAnEarlyStopHasStopped() {
        List<TrainState> saved = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(EarlyStopping.Metric.DEV_COST, 3, true);
        Network first = network(Activation.RELU);
        MiniBatchResult a = train(first, adam(0.05, 60, 4, stopping, 10), null, saved::add);
        assertTrue(a.base().stopReason().startsWith("early stopping at update 20: dev-cost did not improve for 3 evaluations"),
                a.base().stopReason());
        TrainState last = saved.get(saved.size() - 1);
        assertEquals(20, last.updates());
        Network again = network(Activation.RELU);
        MiniBatchResult b = MiniBatchTrainer.train(again, upload(moons.train(), false), upload(moons.train(), true),
                upload(moons.test(), false), upload(moons.test(), true), adam(0.05, 60, 4, stopping, 10),
                new MiniBatchTrainer.Hooks(null, null, null, last, null));
        // the same stop, no second evaluation of update 20's dev set, the kept weights
        assertEquals(a.base().stopReason(), b.base().stopReason());
        assertEquals(a.devCosts(), b.devCosts());
        assertEquals(a.base().costs(), b.base().costs());
        assertEquals(20, b.base().iterations());
        assertEquals(a.restoredIteration(), b.restoredIteration());
        assertArrayEquals(first.parameters(), again.parameters(), 0.0);
    }

    @Test
    void checkpointsComeAtTheirPeriodAndTheEndAndOnlyWhenAsked() {
        List<Long> saved = new ArrayList<>(), events = new ArrayList<>();
        TrainingListener checkpoints = new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent e) {
                events.add(e.kind() == Kind.END ? -e.update() : e.update());
            }

            @Override
            public Set<Kind> kinds() {
                return EnumSet.of(Kind.CHECKPOINT, Kind.END);
            }
        };
        // 3 epochs of 5 batches = 15 updates, a checkpoint every 4 and at the end
        MiniBatchResult r = train(network(Activation.RELU), adam(0.01, 3, 5, null, 4), checkpoints, s -> saved.add(s.updates()));
        assertEquals(List.of(4L, 8L, 12L, 15L), saved);
        assertEquals(List.of(4L, 8L, 12L, -15L), events);
        assertEquals(15, r.base().iterations());
        // without a checkpoint period no CHECKPOINT event exists, even for a listener that asks for it
        events.clear();
        train(network(Activation.RELU), adam(0.01, 3, 5, null, 0), checkpoints, null);
        assertEquals(List.of(-15L), events);
    }

    @Test
    void aDivergedRunKeepsItsLastGoodCheckpointAndItsEndEventSaysSo() {
        List<Long> saved = new ArrayList<>();
        List<Boolean> ended = new ArrayList<>();
        TrainingListener end = new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent e) {
                ended.add(e.diverged());
            }

            @Override
            public Set<Kind> kinds() {
                return EnumSet.of(Kind.END);
            }
        };
        TrainPlan explosive = new TrainPlan(5, 16, 50, Optimizer.Spec.gd(), 0, 11, 7, null, 2);
        MiniBatchResult r = train(network(Activation.LINEAR), explosive, end, s -> saved.add(s.updates()));
        assertTrue(r.base().diverged());
        assertTrue(r.base().stopReason().startsWith("diverged at iteration 7: cost "), r.base().stopReason());
        assertEquals(7, r.base().iterations());
        assertEquals(List.of(2L, 4L, 6L), saved, "no final checkpoint after a divergence");
        assertEquals(List.of(true), ended);
    }

    private static TrainingEvent record(long t, double cost, double lr) {
        return new TrainingEvent(Kind.RECORD, t, 0, new CostPoint(t, cost), null, Double.NaN, lr, false);
    }

    @Test
    void theDivergenceListenerDecides() {
        DivergenceListener watch = new DivergenceListener(List.of());
        TrainingEvent start = record(0, Double.POSITIVE_INFINITY, 0.1); // the saturated --init random start: a note only
        watch.onEvent(start);
        assertFalse(start.stopRequested());
        assertEquals(1, watch.notes().size());
        TrainingEvent good = record(10, 0.3, 0.1), noisy = record(20, 99, 0.1), exploded = record(30, 301, 0.1);
        watch.onEvent(good);
        watch.onEvent(noisy); // 99: above 1000·0.3 = 300? no, and below the floor of 100
        assertFalse(good.stopRequested() || noisy.stopRequested());
        watch.onEvent(exploded);
        assertTrue(exploded.decision().diverged());
        assertEquals(Divergence.describe(30, 301, 0.3, 0.1), exploded.decision().reason());
        assertNull(exploded.decision().restore());
        TrainingEvent nan = record(40, Double.NaN, 0.25);
        nan.stop("a user stop at the same record"); // a divergence overrides a plain stop
        watch.onEvent(nan);
        assertTrue(nan.decision().diverged());
        assertEquals("diverged at iteration 40: cost is NaN; likely cause: learning rate 0.25 too large (try a tenth of it)"
                + " or initial weights too large (use init (--init) he or xavier)", nan.decision().reason());
        assertEquals("a user stop at the same record", nan.stopReason());
        // a resumed run compares with the lowest cost it brings
        TrainingEvent after = record(50, 150, 0.1);
        new DivergenceListener(List.of(new CostPoint(0, 0.1))).onEvent(after);
        assertTrue(after.decision().diverged());
    }

    @Test
    void theFirstPlainDecisionStandsAndStopPrefixesTheReason() {
        TrainingEvent e = new TrainingEvent(Kind.EPOCH_END, 25, 4, null, null, Double.NaN);
        e.stop("enough");
        e.stop("later");
        e.decide(TrainingEvent.Decision.stop("also later"));
        assertEquals("enough", e.stopReason());
        assertEquals("stopped after epoch 4 (update 25): enough", e.decision().reason());
        assertFalse(e.decision().diverged());
    }
}
