package io.densetrain.run;

import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.data.Dataset;
import io.densetrain.data.Splits;
import io.densetrain.device.Activation;
import io.densetrain.device.Precision;
import io.densetrain.check.GradientCheckReport;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.train.EarlyStopping;
import io.densetrain.train.Optimizer;
import io.densetrain.train.TrainPlan;
import io.densetrain.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A dense classifier trained through the same run layer as {@code densetrain train} ({@link Runs#execute}), with
 * named settings and the CLI's defaults: hidden layers 10, 5 with ReLU, He initialization, no L2, no dropout,
 * gradient descent with α = 0.01, full batch for 15000 iterations (100 epochs once a batch size is set), a record
 * every 1000 updates, inputs normalized with the training set's μ and σ, device auto, seed 1. Labels are classes
 * 0..K−1: a sigmoid output for K = 2, softmax for more. Bad settings throw {@link SettingException} naming the
 * setting, at {@link Builder#build()} or, for those that depend on the data, at {@code fit}.
 *
 * <pre>{@code
 * Classifier clf = Classifier.builder().hidden(20, 3).l2(0.7).adam(0.001).batchSize(64).epochs(200)
 *         .earlyStopping(10).seed(1).build();
 * History h = clf.fit(rows, labels, devRows, devLabels);
 * }</pre>
 */
public final class Classifier {
    private final Builder settings;
    private RunReport report;
    /** The last fit's model on the CPU device, opened by the first predict/evaluate/gradientCheck after that fit. */
    private TrainedModel trained;

    private Classifier(Builder settings) {
        this.settings = settings;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains on {@code rows} (one example per row) and {@code labels} without a dev set. */
    public History fit(double[][] rows, int[] labels, TrainingListener... listeners) {
        return fit(dataset("train", rows, labels), null, listeners);
    }

    /** Trains on the rows with a dev set (for dev metrics and early stopping). */
    public History fit(double[][] rows, int[] labels, double[][] devRows, int[] devLabels, TrainingListener... listeners) {
        return fit(dataset("train", rows, labels), dataset("dev", devRows, devLabels), listeners);
    }

    /** Trains on column-major data sets; {@code dev} may be null. */
    public History fit(Dataset train, Dataset dev, TrainingListener... listeners) {
        RunSpec spec = spec(train, dev);
        List<TrainingListener> all = new ArrayList<>(settings.listeners);
        all.addAll(Arrays.asList(listeners));
        if (trained != null) {
            trained.close();
            trained = null;
        }
        report = Runs.execute(spec, new Runs.Observer() { }, all);
        return report.history();
    }

    /** The run description {@code fit} would execute on these sets (checked; nothing runs). */
    public RunSpec spec(Dataset train, Dataset dev) {
        if (train == null || train.size() == 0) throw new SettingException("train", "needs at least one example");
        Dataset devSet = dev != null ? dev : train.head(0);
        if (devSet.featureCount() != train.featureCount()) {
            throw new SettingException("dev", "has " + devSet.featureCount() + " features, the training set " + train.featureCount());
        }
        Builder b = settings;
        int classes = train.classes(); // K from the training labels, as train does; a dev label beyond them is refused
        if (devSet.size() > 0 && devSet.classes() > classes) {
            throw new SettingException("devLabels", "has label " + (devSet.classes() - 1) + " but the training labels are 0.."
                    + (classes - 1) + "; give dev labels from the training set's classes");
        }
        int[] sizes = new int[b.hidden.length + 2];
        sizes[0] = train.featureCount();
        System.arraycopy(b.hidden, 0, sizes, 1, b.hidden.length);
        sizes[sizes.length - 1] = classes == 2 ? 1 : classes;
        Architecture architecture = new Architecture(sizes, b.activation);
        if (b.keepProb != null && b.keepProb.length != 1 && b.keepProb.length != sizes.length - 2
                && b.keepProb.length != sizes.length - 1) {
            throw new SettingException("keepProb", "has " + b.keepProb.length + " values; give 1, " + (sizes.length - 2)
                    + " (one per hidden layer) or " + (sizes.length - 1) + " (input layer first)");
        }
        if (b.batchSize > train.size()) {
            throw new SettingException("batchSize", "is " + b.batchSize + ", larger than the " + train.size()
                    + " training examples; use at most " + train.size() + " (or 0 for full batch)");
        }
        if (b.earlyStopping != null && devSet.size() == 0) {
            throw new SettingException("earlyStopping", "needs a dev set: fit with dev rows and labels");
        }
        long count = b.batchSize == 0 ? (b.epochs != null ? b.epochs : b.iterations) : (b.epochs != null ? b.epochs : 100);
        TrainPlan plan = new TrainPlan(b.learningRate, b.batchSize, count, new Optimizer.Spec(b.optimizer, b.beta1, b.beta2, b.epsilon),
                b.decay, b.shuffleSeed != null ? b.shuffleSeed : b.seed, b.costEvery, b.earlyStopping, b.checkpointEvery);
        RunSpec spec = RunSpec.builder().data(new Splits(train, devSet, train.head(0))).normalize(b.normalize)
                .architecture(architecture).init(b.init).initScale(b.initScale != null ? b.initScale : b.init.defaultScale())
                .l2(b.l2).keepProb(b.keepProb).plan(plan).device(b.device, b.threads, b.tf32).precision(b.precision).seed(b.seed)
                .save(b.saveDir).resume(b.resume).build();
        spec.check();
        return spec;
    }

    /** The last fit's full report (costs, accuracies, diagnosis, notes); throws before the first fit. */
    public RunReport report() {
        if (report == null) throw new IllegalStateException("fit the classifier first");
        return report;
    }

    /** The trained model (architecture, normalization, θ) of the last fit. */
    public SavedModel saved() {
        return report().saved();
    }

    /**
     * The trained model of the last fit on the float64 CPU device, which predicts without the training code;
     * the caller closes it (it holds a device).
     */
    public TrainedModel model() {
        return TrainedModel.of(saved());
    }

    private TrainedModel trained() {
        if (trained == null) trained = TrainedModel.of(saved());
        return trained;
    }

    /** Predicted classes 0..K−1 for raw rows (the training set's normalization applied inside). */
    public int[] predict(double[][] rows) {
        return trained().predict(rows);
    }

    /** A[L] per row: {p(class 1)} for a sigmoid output, the K softmax probabilities otherwise. */
    public double[][] predictProbabilities(double[][] rows) {
        return trained().predictProbabilities(rows);
    }

    /** Cross-entropy cost (no L2 term) and accuracy on labelled raw rows. */
    public Evaluation evaluate(double[][] rows, int[] labels) {
        return trained().evaluate(rows, labels);
    }

    /** The numerical gradient check of the trained network on labelled raw rows (float64 CPU reference). */
    public GradientCheckReport gradientCheck(double[][] rows, int[] labels) {
        return trained().gradientCheck(rows, labels);
    }

    /** Writes the trained model (model.safetensors + model.json) into {@code dir}. */
    public void save(Path dir) {
        ModelStore.checkWritableDirectory(dir);
        ModelStore.save(dir, saved());
    }

    /** The examples of {@code d} as rows, one {@code double[]} of n_x values each. */
    public static double[][] rows(Dataset d) {
        double[][] r = new double[d.size()][d.featureCount()];
        for (int j = 0; j < d.size(); j++) System.arraycopy(d.features(), j * d.featureCount(), r[j], 0, d.featureCount());
        return r;
    }

    /** Rows (one example each, all of the same length) and labels as a column-major data set. */
    public static Dataset dataset(String name, double[][] rows, int[] labels) {
        if (rows == null || labels == null) {
            throw new BadInputException(name + " data: rows or labels is null; give one row of features and one label per example");
        }
        if (rows.length != labels.length) {
            throw new BadInputException(name + " data: " + rows.length + " rows but " + labels.length + " labels; give one label per row");
        }
        if (rows.length == 0) throw new BadInputException(name + " data: no examples; give at least one row");
        int n = rows[0] == null ? 0 : rows[0].length;
        if (n == 0) throw new BadInputException(name + " data: rows[0] has no features; give every row the same n ≥ 1 values");
        double[] x = new double[Math.multiplyExact(rows.length, n)];
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] == null || rows[j].length != n) {
                throw new BadInputException(name + " data: rows[" + j + "] has " + (rows[j] == null ? "no array" : rows[j].length + " values")
                        + " but rows[0] has " + n + "; give every row the same number of features");
            }
            for (int i = 0; i < n; i++) {
                double v = rows[j][i];
                if (!Double.isFinite(v)) {
                    throw new BadInputException(name + " data: rows[" + j + "][" + i + "] is " + v
                            + "; training needs finite features (fill in or drop missing values first)");
                }
                x[i + j * n] = v;
            }
            if (labels[j] < 0) {
                throw new BadInputException(name + " data: labels[" + j + "] is " + labels[j] + "; labels are classes 0..K−1");
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add("x" + (i + 1));
        return new Dataset(name, n, x, labels.clone(), names);
    }

    /** Named settings with the CLI's defaults; {@link #build()} checks them. */
    public static final class Builder {
        private int[] hidden = {10, 5};
        private Activation activation = Activation.RELU;
        private Initialization init = Initialization.HE;
        private Double initScale;
        private double l2;
        private double[] keepProb;
        private Optimizer.Kind optimizer = Optimizer.Kind.GD;
        private double learningRate = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, decay;
        private int batchSize;
        private Long epochs;
        private long iterations = 15000, costEvery = 1000, checkpointEvery, seed = 1;
        private Long shuffleSeed;
        private EarlyStopping earlyStopping;
        private boolean normalize = true, tf32;
        private Precision precision;
        private String device = "auto";
        private int threads;
        private Path saveDir, resume;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Hidden layer sizes (default 10, 5); the input and output sizes come from the data. */
        public Builder hidden(int... sizes) { hidden = sizes == null ? null : sizes.clone(); return this; }
        /** Hidden activation: RELU (default), TANH or LINEAR. */
        public Builder activation(Activation a) { activation = a; return this; }
        /** Initialization (default He). */
        public Builder init(Initialization i) { init = i; return this; }
        /** Initialization scale (default 10 for random, 1 otherwise). */
        public Builder initScale(double s) { initScale = s; return this; }
        /** L2 strength λ: adds (λ/2m)·Σ‖W‖² to J (default 0). */
        public Builder l2(double lambda) { l2 = lambda; return this; }
        /** Inverted-dropout keep probability: one for every hidden layer, one per hidden layer, or per layer input first. */
        public Builder keepProb(double... p) { keepProb = p == null ? null : p.clone(); return this; }
        /** Learning rate α (default 0.01). */
        public Builder learningRate(double alpha) { learningRate = alpha; return this; }
        /** Plain gradient descent with α. */
        public Builder gd(double alpha) { optimizer = Optimizer.Kind.GD; return learningRate(alpha); }
        /** Momentum with α (β1 default 0.9). */
        public Builder momentum(double alpha) { optimizer = Optimizer.Kind.MOMENTUM; return learningRate(alpha); }
        /** RMSprop with α (β2 default 0.999). */
        public Builder rmsprop(double alpha) { optimizer = Optimizer.Kind.RMSPROP; return learningRate(alpha); }
        /** Adam with α (β1 0.9, β2 0.999, ε 1e-8 unless set). */
        public Builder adam(double alpha) { optimizer = Optimizer.Kind.ADAM; return learningRate(alpha); }
        /** The optimizer by kind. */
        public Builder optimizer(Optimizer.Kind kind) { optimizer = kind; return this; }
        /** β1 of momentum and Adam. */
        public Builder beta1(double b) { beta1 = b; return this; }
        /** β2 of RMSprop and Adam. */
        public Builder beta2(double b) { beta2 = b; return this; }
        /** ε of RMSprop and Adam. */
        public Builder epsilon(double e) { epsilon = e; return this; }
        /** Learning-rate decay α/(1 + rate·epoch) (default 0). */
        public Builder decay(double rate) { decay = rate; return this; }
        /** Mini-batch size (default 0 = the whole training set, one update per iteration). */
        public Builder batchSize(int b) { batchSize = b; return this; }
        /** Passes over the training set (default 100 with mini-batches; in full batch the same as iterations). */
        public Builder epochs(long e) { epochs = e; return this; }
        /** Full-batch updates when no epochs are set (default 15000). */
        public Builder iterations(long n) { iterations = n; return this; }
        /** Record the cost and dev metrics every k updates (default 1000). */
        public Builder costEvery(long k) { costEvery = k; return this; }
        /** Seed of the per-epoch shuffle (default: the seed). */
        public Builder shuffleSeed(long s) { shuffleSeed = s; return this; }
        /** Early stopping on the dev cost with this patience (records), restoring the best weights. */
        public Builder earlyStopping(int patience) { return earlyStopping(EarlyStopping.Metric.DEV_COST, patience, true); }
        /** Early stopping on {@code metric} with {@code patience} records; {@code restoreBest} keeps the best weights. */
        public Builder earlyStopping(EarlyStopping.Metric metric, int patience, boolean restoreBest) {
            if (patience < 1) throw new SettingException("earlyStopping", "patience must be ≥ 1 record, got " + patience);
            earlyStopping = new EarlyStopping(metric, patience, restoreBest);
            return this;
        }
        /** Normalize inputs with the training set's μ and σ (default true). */
        public Builder normalize(boolean on) { normalize = on; return this; }
        /** Device: auto (default), cpu or cuda. */
        public Builder device(String name) { device = name; return this; }
        /** CPU threads (default 0 = all cores). */
        public Builder threads(int t) { threads = t; return this; }
        /** TF32 tensor-core math on CUDA. */
        public Builder tf32(boolean on) { tf32 = on; return this; }
        /** float64 (the CPU default, the reference) or float32 (the CUDA device's; on the CPU the sgemm float32 device); null = the device's own. */
        public Builder precision(Precision p) { precision = p; return this; }
        /** Seed of the initialization and dropout masks (default 1). */
        public Builder seed(long s) { seed = s; return this; }
        /** Write a checkpoint into {@code dir} every {@code every} updates (and the model at the end). */
        public Builder checkpoints(Path dir, long every) { saveDir = dir; checkpointEvery = every; return this; }
        /** Continue from the checkpoint in {@code dir} (give the original settings). */
        public Builder resume(Path dir) { resume = dir; return this; }
        /** A listener told at every record and epoch end of every fit. */
        public Builder listener(TrainingListener l) { listeners.add(l); return this; }

        /** The classifier; throws {@link SettingException} naming the first bad setting. */
        public Classifier build() {
            if (hidden == null) throw new SettingException("hidden", "must list the hidden layer sizes (may be empty)");
            for (int h : hidden) if (h < 1) throw new SettingException("hidden", "sizes must be ≥ 1, got " + h);
            if (activation == null || activation == Activation.SIGMOID || activation == Activation.SOFTMAX) {
                throw new SettingException("activation", "must be RELU, TANH or LINEAR, got " + activation);
            }
            if (init == null) throw new SettingException("init", "must be given");
            if (initScale != null && (!(initScale > 0) || Double.isInfinite(initScale))) {
                throw new SettingException("initScale", "must be a positive number, got " + initScale);
            }
            if (!(l2 >= 0) || Double.isInfinite(l2)) throw new SettingException("l2", "must be a finite λ ≥ 0, got " + l2);
            if (keepProb != null) {
                for (double k : keepProb) {
                    if (!(k > 0 && k <= 1)) throw new SettingException("keepProb", "must be in (0, 1], got " + k);
                }
            }
            if (optimizer == null) throw new SettingException("optimizer", "must be given");
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new SettingException("learningRate", "must be a positive finite learning rate, got " + learningRate);
            }
            if (!(beta1 >= 0 && beta1 < 1)) throw new SettingException("beta1", "must be in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new SettingException("beta2", "must be in [0, 1), got " + beta2);
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) throw new SettingException("epsilon", "must be positive, got " + epsilon);
            if (!(decay >= 0) || Double.isInfinite(decay)) throw new SettingException("decay", "must be a finite rate ≥ 0, got " + decay);
            if (batchSize < 0) throw new SettingException("batchSize", "must be ≥ 1 (or 0 for full batch), got " + batchSize);
            if (epochs != null && epochs < 1) throw new SettingException("epochs", "must be ≥ 1, got " + epochs);
            if (iterations < 1) throw new SettingException("iterations", "must be ≥ 1, got " + iterations);
            if (costEvery < 1) throw new SettingException("costEvery", "must be ≥ 1, got " + costEvery);
            if (checkpointEvery < 0) throw new SettingException("checkpoints", "every must be ≥ 0 updates, got " + checkpointEvery);
            if (device == null || !List.of("auto", "cpu", "cuda").contains(device.trim().toLowerCase(Locale.ROOT))) {
                throw new SettingException("device", "must be auto, cpu or cuda, got '" + device + "'");
            }
            if (threads < 0) throw new SettingException("threads", "must be ≥ 1 (or 0 for all cores), got " + threads);
            return new Classifier(copy());
        }

        private Builder copy() {
            Builder b = new Builder();
            b.hidden = hidden.clone();
            b.activation = activation;
            b.init = init;
            b.initScale = initScale;
            b.l2 = l2;
            b.keepProb = keepProb == null ? null : keepProb.clone();
            b.optimizer = optimizer;
            b.learningRate = learningRate;
            b.beta1 = beta1;
            b.beta2 = beta2;
            b.epsilon = epsilon;
            b.decay = decay;
            b.batchSize = batchSize;
            b.epochs = epochs;
            b.iterations = iterations;
            b.costEvery = costEvery;
            b.checkpointEvery = checkpointEvery;
            b.seed = seed;
            b.shuffleSeed = shuffleSeed;
            b.earlyStopping = earlyStopping;
            b.normalize = normalize;
            b.tf32 = tf32;
            b.precision = precision;
            b.device = device;
            b.threads = threads;
            b.saveDir = saveDir;
            b.resume = resume;
            b.listeners.addAll(listeners);
            return b;
        }
    }
}
