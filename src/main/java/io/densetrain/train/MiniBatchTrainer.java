package io.densetrain.train;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.SmallNetwork;
import io.densetrain.nn.Network;
import java.util.ArrayList;
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
 * {@link Trainer}'s batch gradient descent. The global update counter t is the dropout step and
 * Adam's t − 1. With a checkpoint sink, a checkpoint is written every {@code checkpointEvery} updates
 * and once more at the end.
 *
 * <p>At every record (each {@code costEvery} updates and the last) the dev cost and accuracy are
 * computed with the weights about to be used, then the training cost of the batch, then after the
 * backward pass the layer norms; early stopping compares the dev metric with its best and keeps a copy
 * of the best θ on the device.
 */
public final class MiniBatchTrainer {
    /** Called after every update with the updates done, the planned total and the examples of that batch. */
    public interface Progress {
        void step(long updates, long total, int examples);
    }

    /**
     * Optional collaborators; any may be null. {@code listener} gets a {@link TrainingEvent} at every cost record
     * and every epoch end and may stop the run; {@code progress} is told after every update.
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
        EarlyStopping stopping = plan.earlyStopping();
        if (stopping != null && !hasDev) {
            throw new io.densetrain.BadInputException("early stopping needs a dev set: add --split 0.8,0.1,0.1 or --dev FILE.csv");
        }
        Optimizer optimizer = new Optimizer(plan.optimizer(), device, Math.toIntExact(network.layout().total()));
        if (full && !data.resident()) {
            throw new IllegalArgumentException("full-batch training needs the training set resident on the device;"
                    + " stream it with a batch size > 0");
        }
        Matrix bestTheta = stopping != null && stopping.restoreBest() ? device.allocate(Math.toIntExact(network.layout().total()), 1) : null;

        List<CostPoint> costs = new ArrayList<>(), devCosts = new ArrayList<>(), devAccuracies = new ArrayList<>();
        List<LayerNorms> norms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long t = 0;
        double best = stopping == null ? Double.NaN : stopping.metric().worst();
        long bestIteration = -1;
        int stale = 0;
        TrainState resume = hooks.resume();
        if (resume != null) {
            t = resume.updates();
            network.setParameters(resume.theta());
            optimizer.loadState(resume.optimizerState());
            best = resume.bestMetric();
            bestIteration = resume.bestIteration();
            stale = resume.stale();
            if (bestTheta != null && resume.bestTheta() != null) device.upload(resume.bestTheta(), bestTheta);
            costs.addAll(resume.costs());
            devCosts.addAll(resume.devCosts());
            devAccuracies.addAll(resume.devAccuracies());
        }

        SmallNetwork heap = HeapIterations.open(network, data, plan, hooks);
        double lowest = Divergence.lowest(costs); // the lowest recorded cost so far (the resumed records included)
        String stop = full ? "completed " + total + " iterations"
                : "completed " + total + " updates (" + plan.epochs() + " epochs of " + batchesPerEpoch + " batches)";
        boolean diverged = false, stoppedEarly = false;
        long start = System.nanoTime();
        training:
        for (long epoch = t / batchesPerEpoch; epoch < plan.epochs(); epoch++) {
            double[] fresh = hooks.inputs() == null ? null : hooks.inputs().featuresFor(epoch);
            if (fresh != null) {
                data.useFeatures(fresh);
            }
            int[] order = full ? null : permutation(m, new Random(plan.shuffleSeed() * GOLDEN + epoch));
            if (!full) data.beginEpoch(order, batch, t % batchesPerEpoch);
            double lr = plan.learningRate(epoch);
            for (long b = t % batchesPerEpoch; b < batchesPerEpoch; b++) {
                Matrix xb = data.wholeX(), yb = data.wholeY();
                if (!full) {
                    BatchSource.Batch next = data.next(b);
                    xb = next.x();
                    yb = next.y();
                }
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
                    Network.Cost devParts = network.costParts(yDev);
                    double devCost = devParts.total(), devAccuracy = (double) network.countCorrect(yDev) / xDev.cols();
                    devCosts.add(CostPoint.of(t, devParts.crossEntropy(), devParts.l2Term()));
                    devAccuracies.add(new CostPoint(t, devAccuracy));
                    if (stopping != null) {
                        double value = stopping.metric() == EarlyStopping.Metric.DEV_COST ? devCost : devAccuracy;
                        if (stopping.metric().better(value, best)) {
                            best = value;
                            bestIteration = t;
                            stale = 0;
                            if (bestTheta != null) device.copy(network.theta(), bestTheta);
                        } else if (++stale >= stopping.patience()) {
                            stoppedEarly = true;
                            stop = String.format("early stopping at update %d: %s did not improve for %d evaluations"
                                    + " (best %.6g at update %d)", t, stopping.metric().label(), stale, best, bestIteration);
                            break training;
                        }
                    }
                }
                network.forward(xb, true, t);
                if (record) {
                    Network.Cost parts = network.costParts(yb);
                    double cost = parts.total();
                    CostPoint point = CostPoint.of(t, parts.crossEntropy(), parts.l2Term());
                    costs.add(point);
                    TrainingEvent event = null;
                    if (hooks.listener() != null) {
                        event = new TrainingEvent(TrainingEvent.Kind.RECORD, t, epoch, point, hasDev ? last(devCosts) : null,
                                hasDev ? last(devAccuracies).cost() : Double.NaN);
                        hooks.listener().onEvent(event);
                    }
                    if (!Double.isFinite(cost)) {
                        if (t == 0 && Double.isInfinite(cost)) {
                            notes.add("cost is infinite at iteration 0: the initial weights are so large that the output"
                                    + " saturates (expected with --init random); training continues");
                        } else {
                            diverged = true;
                            stop = "diverged at iteration " + t + ": cost is " + cost + "; likely cause: learning rate " + lr
                                    + " too large (try a tenth of it) or initial weights too large (use --init he or xavier)";
                            break training;
                        }
                    } else if (Divergence.exploded(cost, lowest)) {
                        diverged = true;
                        stop = Divergence.describe(t, cost, lowest, lr);
                        break training;
                    } else if (t == 0 && cost > 10) {
                        notes.add(String.format("cost at iteration 0 is %.4g, far above ln 2 ≈ 0.693: the initial weights"
                                + " are large enough to saturate the output", cost));
                    }
                    if (Double.isFinite(cost)) lowest = Math.min(lowest, cost);
                    if (event != null && event.stopRequested()) {
                        stop = "stopped at update " + t + " (epoch " + epoch + "): " + event.stopReason();
                        break training;
                    }
                }
                network.backward(yb);
                if (record) norms.add(NormMonitor.measure(network, t));
                optimizer.step(network.theta(), network.gradient(), lr, t + 1);
                if (heap != null) heap.setTheta(network.parameters());
                t++;
                if (hooks.progress() != null) hooks.progress().step(t, total, xb.cols());
                if (hooks.checkpoints() != null && plan.checkpointEvery() > 0 && t % plan.checkpointEvery() == 0) {
                    hooks.checkpoints().save(new TrainState(t, network.parameters(), optimizer.saveState(), best, bestIteration,
                            stale, bestTheta == null ? null : device.download(bestTheta), List.copyOf(costs),
                            List.copyOf(devCosts), List.copyOf(devAccuracies)));
                }
            }
            if (hooks.listener() != null) {
                TrainingEvent event = new TrainingEvent(TrainingEvent.Kind.EPOCH_END, t, epoch, last(costs),
                        hasDev ? last(devCosts) : null, hasDev && !devAccuracies.isEmpty() ? last(devAccuracies).cost() : Double.NaN);
                hooks.listener().onEvent(event);
                if (event.stopRequested() && epoch + 1 < plan.epochs()) {
                    if (heap != null) network.setParameters(heap.theta()); // the heap's θ is the run's θ between records
                    stop = "stopped after epoch " + epoch + " (update " + t + "): " + event.stopReason();
                    break;
                }
            }
        }
        long restored = -1;
        if (stoppedEarly && bestTheta != null && bestIteration >= 0) {
            device.copy(bestTheta, network.theta());
            restored = bestIteration;
            stop += "; restored the weights of update " + bestIteration;
        }
        if (hooks.checkpoints() != null && plan.checkpointEvery() > 0 && !diverged) {
            // the final state too (not after a divergence: the last good checkpoint stays), so a later run with more epochs continues from here
            hooks.checkpoints().save(new TrainState(t, network.parameters(), optimizer.saveState(), best, bestIteration, stale,
                    bestTheta == null ? null : device.download(bestTheta), List.copyOf(costs), List.copyOf(devCosts),
                    List.copyOf(devAccuracies)));
        }
        device.synchronize();
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainResult base = new TrainResult(List.copyOf(costs), t, seconds, stop, diverged, List.copyOf(notes));
        return new MiniBatchResult(base, List.copyOf(devCosts), List.copyOf(devAccuracies), List.copyOf(norms), restored,
                NormMonitor.warning(norms).orElse(null));
    }

    private static CostPoint last(List<CostPoint> points) {
        return points.isEmpty() ? null : points.get(points.size() - 1);
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
