package io.densetrain.run;

import io.densetrain.augment.AugmentedEpochs;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.DistributionCheck;
import io.densetrain.data.Normalization;
import io.densetrain.data.Splits;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceSelector;
import io.densetrain.device.Matrix;
import io.densetrain.model.CheckpointStore;
import io.densetrain.model.DirectoryLock;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Network;
import io.densetrain.train.Diagnosis;
import io.densetrain.train.EarlyStopping;
import io.densetrain.train.L2Equivalents;
import io.densetrain.train.MiniBatchResult;
import io.densetrain.train.MiniBatchTrainer;
import io.densetrain.train.TrainPlan;
import io.densetrain.train.TrainState;
import io.densetrain.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a {@link RunSpec} is trained, for the CLI's {@code train}, its sweeps and the Java API: notes on the
 * data, normalization fitted on the training set and applied to every set, the device and network set up
 * ({@link Workspace}), a resumed checkpoint, {@link MiniBatchTrainer} with the listeners, accuracies and costs,
 * the diagnosis, and the model saved (not after a divergence). The save directory is locked for the whole run.
 */
public final class Runs {
    /** Optional callbacks of a run beyond its listeners; every method does nothing by default. */
    public interface Observer {
        /** The device is open (before a checkpoint is read). */
        default void deviceOpened(DeviceSelector.Selection selection) {
        }

        /** Everything is set up; training starts next. */
        default void started(RunSetup setup) {
        }

        /** Told after every update (a progress bar); null for none. */
        default MiniBatchTrainer.Progress progress() {
            return null;
        }

        /** Training and evaluation are done and the model saved; the network is still open (for plots). */
        default void finished(RunReport report, Network network) {
        }
    }

    private static final Observer NONE = new Observer() { };

    private Runs() {
    }

    /** Runs {@code spec}, telling {@code listeners} at every record and epoch end (any may stop the run). */
    public static RunReport execute(RunSpec spec, TrainingListener... listeners) {
        return execute(spec, NONE, Arrays.asList(listeners));
    }

    /** As above, with the {@code observer}'s callbacks. */
    public static RunReport execute(RunSpec spec, Observer observer, List<TrainingListener> listeners) {
        return execute(spec, null, observer, listeners);
    }

    /**
     * As above on {@code lent}, an open device the caller keeps (several runs on one device, as the experiments do;
     * the spec's device name is then not used; null opens it). The network stays usable on it after the run.
     */
    public static RunReport execute(RunSpec spec, Device lent, Observer observer, List<TrainingListener> listeners) {
        if (spec.save() != null) ModelStore.checkWritableDirectory(spec.save());
        // one writer per save directory for the whole run (a second live run gets one line naming this process)
        try (DirectoryLock lock = spec.save() == null ? null : DirectoryLock.acquire(spec.save())) {
            return train(spec, lent, observer, listeners);
        }
    }

    private static RunReport train(RunSpec spec, Device lent, Observer observer, List<TrainingListener> listeners) {
        Splits raw = spec.data();
        TrainPlan plan = spec.plan();
        List<String> notes = new ArrayList<>();
        DistributionCheck.compare(raw.dev(), raw.test()).ifPresent(w -> notes.add("warning: " + w));
        if (plan.batchSize() > 0 && Integer.bitCount(plan.batchSize()) != 1) {
            notes.add("batch size " + plan.batchSize() + " is not a power of two (64, 128, 256, 512 fit memory best)");
        }
        String gap = labelGapNote(raw.train().missingLabels(spec.architecture().classes()), spec.architecture().classes(),
                raw.train().classNames());
        if (gap != null) notes.add(gap);
        Normalization normalization = spec.normalize() ? Normalization.fit(raw.train())
                : Normalization.identity(raw.train().featureCount());
        Splits normalized = normalization.apply(raw);
        try (Workspace run = new Workspace(normalized, spec.architecture(), spec.regularization(), spec.init(), spec.initScale(),
                spec.seed(), lent, spec.device(), spec.threads(), spec.tf32(), spec.precision(), plan, spec.memoryBudgetBytes())) {
            observer.deviceOpened(run.selection);
            Map<String, Object> identity = RunIdentity.of(spec, run.splits);
            TrainState resume = spec.resume() == null ? null
                    : CheckpointStore.load(spec.resume(), identity, plan.earlyStopping() == null ? Double.NaN
                            : plan.earlyStopping().metric() == EarlyStopping.Metric.DEV_COST
                            ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            RunSetup setup = new RunSetup(run.selection, run.splits, run.architecture, run.network.regularization(), run.placement,
                    resume == null ? -1 : resume.updates());
            observer.started(setup);
            MiniBatchResult result;
            // Augmentation works on the raw pictures; its output is normalized like every other input, and goes into
            // a matrix of its own so that X_train keeps the original pictures for the accuracy reported afterwards.
            var augmentation = spec.augment();
            AugmentedEpochs epochs = augmentation.isEmpty() ? null
                    : new AugmentedEpochs(new Augmenter(augmentation, spec.imageShape(), raw.train().features(), spec.augmentSeed()),
                            normalization::applyInPlace);
            Matrix xFit = epochs == null || run.streamed != null ? run.xTrain
                    : run.device.allocate(run.xTrain.rows(), run.xTrain.cols());
            try (epochs) {
                TrainState.Sink sink = plan.checkpointEvery() == 0 ? null
                        : state -> CheckpointStore.save(spec.save(), saved(spec, run, normalization, state.theta()), state, identity);
                var hooks = new MiniBatchTrainer.Hooks(TrainingListener.all(listeners), observer.progress(), epochs, resume, sink);
                result = run.streamed != null ? MiniBatchTrainer.train(run.network, run.streamed, run.xDev, run.yDev, plan, hooks)
                        : MiniBatchTrainer.train(run.network, xFit, run.yTrain, run.xDev, run.yDev, plan, hooks);
            }
            notes.addAll(result.base().notes());
            if (result.normWarning() != null) notes.add("warning: " + result.normWarning());
            double[] train = run.streamed != null
                    ? new double[] {run.streamed.accuracy(run.network, run.placement.batch()), Double.NaN}
                    : evaluate(run.network, run.xTrain, run.yTrain);
            double[] dev = evaluate(run.network, run.xDev, run.yDev);
            double[] test = evaluate(run.network, run.xTest, run.yTest);
            double heldOut = !Double.isNaN(dev[0]) ? dev[0] : test[0];
            Diagnosis diagnosis = Double.isNaN(heldOut) || Double.isNaN(train[0]) ? null
                    : Diagnosis.of(1 - train[0], 1 - heldOut, Math.min(spec.bayesError(), 1 - train[0]));
            SavedModel model = saved(spec, run, normalization, run.network.parameters());
            boolean wrote = false;
            if (spec.save() != null && !result.base().diverged()) {
                // with checkpoints the trainer has already written the final state (model included) into the directory; a
                // model-only save commits a state without checkpoint files, so a checkpoint of an earlier run cannot outlive its weights
                if (plan.checkpointEvery() == 0) ModelStore.save(spec.save(), model);
                wrote = true;
            }
            RunReport report = new RunReport(spec, setup, result, train[0], dev[0], test[0], train[1], dev[1], test[1], diagnosis,
                    notes, L2Equivalents.of(run.network.regularization().lambda(), plan, run.split.train().size()), model, wrote);
            observer.finished(report, run.network);
            return report;
        }
    }

    /**
     * The note for training labels with a gap (the output still has a unit per label 0..K−1, so a missing class
     * is trained towards probability 0); null when every class occurs. At most 10 labels are listed, each with its
     * class name where the data have names.
     */
    static String labelGapNote(int[] missing, int classes, java.util.List<String> names) {
        if (missing.length == 0) return null;
        StringBuilder s = new StringBuilder(missing.length == 1 ? "label " : "labels ");
        for (int i = 0; i < Math.min(missing.length, 10); i++) {
            s.append(i == 0 ? "" : ", ").append(missing[i]);
            if (missing[i] < names.size()) s.append(" (").append(names.get(missing[i])).append(')');
        }
        if (missing.length > 10) s.append(", ... (").append(missing.length).append(" in all)");
        return s.append(missing.length == 1 ? " never occurs" : " never occur").append(" in the training labels; the output layer has ")
                .append(classes).append(" classes (labels must be 0..K-1)").toString();
    }

    /** {accuracy, J} of the network on (x, y) in prediction mode (no dropout); NaN for 0 examples. */
    private static double[] evaluate(Network network, Matrix x, Matrix y) {
        if (x.cols() == 0) return new double[] {Double.NaN, Double.NaN};
        network.forward(x, false, 0);
        double accuracy = (double) network.countCorrect(y) / x.cols();
        return new double[] {accuracy, network.costParts(y).total()};
    }

    /** The model as saved: architecture, normalization, names, picture shape, the training settings, θ. */
    private static SavedModel saved(RunSpec spec, Workspace run, Normalization normalization, double[] theta) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", run.train().name());
        config.put("init", spec.init().label());
        config.put("l2", run.network.regularization().lambda());
        config.put("keep_prob", run.network.regularization().keepProb());
        config.put("optimizer", spec.plan().optimizer().kind().label());
        config.put("batch_size", spec.plan().batchSize());
        config.put("lr", spec.plan().learningRate());
        config.put("seed", spec.seed());
        var shape = spec.imageShape();
        int[] inputShape = shape == null ? null : new int[] {shape.height(), shape.width(), shape.channels()};
        List<String> classNames = spec.classNames() == null || spec.classNames().isEmpty() ? null : spec.classNames();
        return new SavedModel(run.architecture, spec.normalize(), normalization, run.train().featureNames(), classNames,
                inputShape, config, theta);
    }
}
