package io.densetrain.train;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.SmallNetwork;
import io.densetrain.nn.Network;
import io.densetrain.train.TrainingEvent.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch training with any {@link Optimizer}, learning-rate decay, dev-set records, early
 * stopping, layer-norm records and checkpoints. Each epoch e: fresh training features from
 * {@link EpochInputs} (if any), a shuffle by {@code Random(shuffleSeed·φ + e)} (so the batches of an
 * epoch do not depend on what ran before: a resumed run sees the same batches), then the columns are
 * gathered batch by batch ({@link Device#gatherColumns}, or streamed from the host by {@link StreamedBatches}
 * when the training set does not fit on the device); the last batch may be smaller. Full-batch
 * mode (batch size 0) uses X in its original order and is one update per epoch, exactly
 * the course's batch gradient descent ({@link #fullBatch}). The global update counter t is the dropout step and
 * Adam's t − 1.
 *
 * <p>The loop only measures and sends {@link TrainingEvent}s; every decision is a {@link TrainingListener}'s, the
 * caller's first, then the built-in ones. At every record (each {@code costEvery} updates and the last) the dev cost and
 * accuracy are computed with the weights about to be used ({@code DEV}: {@code EarlyStoppingListener} keeps the best θ
 * and may stop here), then the training cost of the batch ({@code RECORD}: {@code DivergenceListener}), then after the
 * backward pass the layer norms. Every {@code checkpointEvery} updates and at the end, when a listener asks for them,
 * come {@code CHECKPOINT} and {@code END} ({@code CheckpointListener} writes the {@link TrainState}); {@code EPOCH_END}
 * after each epoch. No event is built between records for a kind nobody asked for, so the heap path's updates
 * ({@code HeapIterations}) stay free of allocation and calls.
 */
public final class MiniBatchTrainer {
    /** Called after every update with the updates done, the planned total and the examples of that batch. */
    public interface Progress {
        void step(long updates, long total, int examples);
    }

    /**
     * Optional collaborators; any may be null. {@code listener} gets the {@link TrainingEvent}s of the kinds it asks for
     * (by default every cost record and every epoch end) and may stop the run; {@code progress} is told after every
     * update; {@code checkpoints} receives a {@link TrainState} every {@code checkpointEvery} updates and at the end.
     */
    public record Hooks(TrainingListener listener, Progress progress, EpochInputs inputs, TrainState resume,
                        TrainState.Sink checkpoints) {
        public static Hooks none() {
            return new Hooks(null, null, null, null, null);
        }
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private MiniBatchTrainer() {
    }

    public static MiniBatchResult train(Network network, Matrix x, Matrix y, Matrix xDev, Matrix yDev, TrainPlan plan,
                                        Hooks hooks) {
        return train(network, new ResidentBatches(network.device(), x, y), xDev, yDev, plan, hooks);
    }

    /**
     * As above, with the batches from {@code data}: resident on the device or streamed from the host
     * ({@link StreamedBatches}; mini-batch mode only). The caller closes {@code data}.
     */
    public static MiniBatchResult train(Network network, BatchSource data, Matrix xDev, Matrix yDev, TrainPlan plan,
                                        Hooks hooks) {
        Device device = network.device();
        int m = data.examples();
        int batch = plan.effectiveBatch(m);
        boolean full = plan.batchSize() == 0;
        long batchesPerEpoch = (m + batch - 1) / batch;
        long total = plan.epochs() * batchesPerEpoch;
        boolean hasDev = xDev != null && xDev.cols() > 0;
        if (plan.earlyStopping() != null && !hasDev) {
            throw new io.densetrain.SettingException("earlyStopping", "needs a dev set: pass dev matrices with at least one column");
        }
        Optimizer optimizer = new Optimizer(plan.optimizer(), device, Math.toIntExact(network.layout().total()));
        if (full && !data.resident()) {
            throw new IllegalArgumentException("full-batch training needs the training set resident on the device;"
                    + " stream it with a batch size > 0");
        }
        TrainState resume = hooks.resume();
        long t = resume == null ? 0 : resume.updates();
        if (t > total) { // a shorter run than the one resumed would report "completed" with more updates than planned
            throw full ? new io.densetrain.SettingException("iterations", "is " + total + " but the checkpoint resumed has done " + t
                    + " updates; give at least " + t + " to continue it (only the run's length may grow)")
                    : new io.densetrain.SettingException("epochs", "is " + plan.epochs() + " (" + total + " updates) but the checkpoint"
                    + " resumed has done " + t + " updates; give at least " + (t + batchesPerEpoch - 1) / batchesPerEpoch
                    + " to continue it (only the run's length may grow)");
        }
        if (resume != null) {
            network.setParameters(resume.theta());
            optimizer.loadState(resume.optimizerState());
        }
        Records records = new Records(resume, hasDev);
        // the caller's listeners first, then the built-in ones (each only for the kinds it asks for)
        var early = plan.earlyStopping() == null ? null : new EarlyStoppingListener(plan.earlyStopping(), network, resume);
        var divergence = new DivergenceListener(records.costs);
        var checkpoint = hooks.checkpoints() == null || plan.checkpointEvery() <= 0 ? null
                : new CheckpointListener(hooks.checkpoints(), network, optimizer, early, resume, records);
        var listeners = new ListenerGroup(Arrays.asList(hooks.listener(), early, divergence, checkpoint));
        boolean devEvents = listeners.wants(Kind.DEV), epochEvents = listeners.wants(Kind.EPOCH_END);
        long checkpointEvery = listeners.wants(Kind.CHECKPOINT) ? plan.checkpointEvery() : 0;

        SmallNetwork heap = HeapIterations.open(network, data, plan, hooks);
        // a run resumed from the final checkpoint of a run that stopped early has already stopped: say so again, run nothing
        TrainingEvent.Decision decision = early == null ? null : early.stoppedBefore(t);
        long epoch = decision != null ? plan.epochs() : t / batchesPerEpoch;
        long start = System.nanoTime();
        training:
        for (; epoch < plan.epochs(); epoch++) {
            double[] fresh = hooks.inputs() == null ? null : hooks.inputs().featuresFor(epoch);
            if (fresh != null) data.useFeatures(fresh);
            if (!full) data.beginEpoch(permutation(m, new Random(plan.shuffleSeed() * GOLDEN + epoch)), batch, t % batchesPerEpoch);
            double lr = plan.learningRate(epoch);
            for (long b = t % batchesPerEpoch; b < batchesPerEpoch; b++) {
                BatchSource.Batch next = full ? null : data.next(b);
                Matrix xb = full ? data.wholeX() : next.x(), yb = full ? data.wholeY() : next.y();
                boolean record = t % plan.costEvery() == 0 || t == total - 1;
                if (heap != null) {
                    if (!record) { // a small network's iteration on the heap (HeapIterations)
                        heap.iterate(t, lr);
                        t++;
                        if (hooks.progress() != null) hooks.progress().step(t, total, m);
                        continue;
                    }
                    network.setParameters(heap.theta());
                }
                if (record && hasDev) {
                    network.forward(xDev, false, 0);
                    records.dev(t, network.costParts(yDev), (double) network.countCorrect(yDev) / xDev.cols());
                    if (devEvents && (decision = fire(listeners, records.event(Kind.DEV, t, epoch, lr, false))) != null) {
                        break training; // early stopping decides here, before this update's training cost
                    }
                }
                network.forward(xb, true, t);
                if (record) {
                    records.train(t, network.costParts(yb));
                    if ((decision = fire(listeners, records.event(Kind.RECORD, t, epoch, lr, false))) != null) {
                        break training; // divergence, or a caller's stop: before this update is applied
                    }
                }
                network.backward(yb);
                if (record) records.norms.add(NormMonitor.measure(network, t));
                optimizer.step(network.theta(), network.gradient(), lr, t + 1);
                if (heap != null) heap.setTheta(network.parameters());
                t++;
                if (hooks.progress() != null) hooks.progress().step(t, total, xb.cols());
                if (checkpointEvery > 0 && t % checkpointEvery == 0
                        && (decision = fire(listeners, records.event(Kind.CHECKPOINT, t, epoch, lr, false))) != null) {
                    break training;
                }
            }
            var atEnd = epochEvents ? fire(listeners, records.event(Kind.EPOCH_END, t, epoch, lr, false)) : null;
            if (atEnd != null && epoch + 1 < plan.epochs()) { // a stop after the last epoch changes nothing
                if (heap != null) network.setParameters(heap.theta()); // the heap's θ is the run's θ between records
                decision = atEnd;
                break;
            }
        }
        String stop = decision != null ? decision.reason() : full ? "completed " + total + " iterations"
                : "completed " + total + " updates (" + plan.epochs() + " epochs of " + batchesPerEpoch + " batches)";
        boolean diverged = decision != null && decision.diverged();
        long restored = -1;
        if (decision != null && decision.restore() != null) {
            device.copy(decision.restore(), network.theta());
            restored = decision.restoredUpdate();
            stop += "; restored the weights of update " + restored;
        }
        if (listeners.wants(Kind.END)) listeners.onEvent(records.event(Kind.END, t, Math.min(epoch, plan.epochs() - 1), Double.NaN, diverged));
        device.synchronize();
        return records.result(t, (System.nanoTime() - start) / 1e9, stop, diverged, divergence.notes(), restored);
    }

    /** Sends {@code event} to the listeners that want its kind; the decision that stands, or null. */
    private static TrainingEvent.Decision fire(ListenerGroup listeners, TrainingEvent event) {
        listeners.onEvent(event);
        return event.decision();
    }

    /**
     * The course's batch gradient descent: each iteration a training forward pass (that step's dropout masks), a
     * backward pass and θ −= α·dθ over the one flat θ, the cost read back every {@code costEvery} iterations only;
     * {@link #train}'s full-batch mode (a plan of batch size 0).
     */
    public static TrainResult fullBatch(Network network, Matrix x, Matrix y, TrainConfig config) {
        return fullBatch(network, x, y, config, null);
    }

    /** As above; with {@code inputs}, X is replaced by {@code inputs.featuresFor(it)} before iteration {@code it}. */
    public static TrainResult fullBatch(Network network, Matrix x, Matrix y, TrainConfig config, EpochInputs inputs) {
        return train(network, x, y, null, null, TrainPlan.fullBatch(config), new Hooks(null, null, inputs, null, null)).base();
    }

    /** Fraction of examples classified correctly, in prediction mode (no dropout); NaN for no examples. */
    public static double accuracy(Network network, Matrix x, Matrix y) {
        if (x.cols() == 0) {
            return Double.NaN;
        }
        network.forward(x, false, 0);
        return (double) network.countCorrect(y) / x.cols();
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = p[i];
            p[i] = p[j];
            p[j] = swap;
        }
        return p;
    }
}
