package io.densetrain.run;

import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.augment.AugmentSpec;
import io.densetrain.data.ImageShape;
import io.densetrain.data.Dataset;
import io.densetrain.data.Splits;
import io.densetrain.device.Precision;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainPlan;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one training run needs, checked: the raw train/dev/test sets (the dev set may have 0 examples),
 * whether to normalize inputs with μ, σ of the training set, the architecture, initialization and its scale, L2 λ
 * and keep_prob (one value, one per hidden layer, or one per layer input first; null = 1), the training plan
 * (optimizer, α, decay, batches, epochs, records, early stopping, checkpoints), augmentation of image training
 * sets ({@code imageShape} and {@code classNames} travel with the saved model), the device, the seed of the
 * initialization and dropout, where to save / resume, the Bayes error of the diagnosis and the device-memory budget.
 * {@link Runs#execute} runs it; {@link #builder()} gives the defaults.
 */
public record RunSpec(Splits data, boolean normalize, ImageShape imageShape, List<String> classNames,
                      Architecture architecture, Initialization init, double initScale, double l2, double[] keepProb,
                      TrainPlan plan, AugmentSpec augment, long augmentSeed, String device, int threads, boolean tf32,
                      Precision precision, long seed, Path save, Path resume, double bayesError, long memoryBudgetBytes) {

    /** Checks what no lower layer checks (the device name and init scale are checked where they are used); the messages name the Java API's settings. */
    public RunSpec {
        if (data == null) throw new SettingException("data", "is required: give a training set");
        if (architecture == null) throw new SettingException("architecture", "is required");
        if (plan == null) throw new SettingException("plan", "is required");
        if (init == null) init = Initialization.HE;
        if (augment == null) augment = AugmentSpec.parse(null);
        if (device == null) device = "auto";
        keepProb = keepProb == null ? null : keepProb.clone();
        classNames = classNames == null ? null : List.copyOf(classNames);
        if (architecture.inputs() != data.train().featureCount()) {
            throw new SettingException("architecture", "starts with " + architecture.inputs() + " inputs but the data have "
                    + data.train().featureCount() + " features");
        }
        for (Dataset part : List.of(data.dev(), data.test())) {
            if (part.size() > 0 && !part.classNames().equals(data.train().classNames())) {
                throw new BadInputException(part.name() + ": class names " + part.classNames() + " differ from the training set's "
                        + data.train().classNames() + ", so its label numbers mean other classes; read it with the training set's"
                        + " names (CsvLoader.load(file, label, train.classNames()))");
            }
        }
        if (!(bayesError >= 0 && bayesError < 1)) {
            throw new SettingException("bayesError", "must be a fraction in [0, 1), got " + bayesError);
        }
        if (threads < 0) throw new SettingException("threads", "must be ≥ 1 (or 0 for all cores), got " + threads);
        if (plan.checkpointEvery() > 0 && save == null) {
            throw new SettingException("checkpointEvery", "needs a save directory for the checkpoints");
        }
        if (memoryBudgetBytes <= 0) throw new SettingException("deviceMemory", "must be positive, got " + memoryBudgetBytes);
        if (!augment.isEmpty()) {
            if (imageShape == null) {
                throw new SettingException("augment", "needs pictures: give the image shape of the training set");
            }
            augment.checkFits(imageShape);
        }
    }

    /** The regularization this spec gives its architecture (checks λ and keep_prob). */
    public Regularization regularization() {
        return Regularization.of(l2, keepProb, architecture.depth());
    }

    /**
     * The checks a run makes before it opens a device: regularization, labels against the output layer,
     * batch size against the training set, and a dev set for early stopping. Throws {@link BadInputException}.
     */
    public void check() {
        regularization();
        data.train().targets(architecture.outputs());
        data.dev().targets(architecture.outputs());
        data.test().targets(architecture.outputs());
        plan.effectiveBatch(data.train().size());
        if (plan.earlyStopping() != null && data.dev().size() == 0) {
            throw new SettingException("earlyStopping", "needs a dev set");
        }
    }

    @Override
    public double[] keepProb() {
        return keepProb == null ? null : keepProb.clone();
    }

    /** A builder with the README's defaults: He init (scale 1), no L2, no dropout, normalization on, auto device, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named settings for a {@link RunSpec}; {@link #data}, {@link #architecture} and {@link #plan} are required. */
    public static final class Builder {
        private Splits data;
        private boolean normalize = true;
        private ImageShape imageShape;
        private List<String> classNames;
        private Architecture architecture;
        private Initialization init = Initialization.HE;
        private Double initScale;
        private double l2;
        private double[] keepProb;
        private TrainPlan plan;
        private AugmentSpec augment;
        private long augmentSeed = 1;
        private String device = "auto";
        private int threads;
        private boolean tf32;
        private Precision precision;
        private long seed = 1;
        private Path save, resume;
        private double bayesError;
        private long memoryBudgetBytes = Long.MAX_VALUE;

        private Builder() {
        }

        /** Raw train, dev and test sets. */
        public Builder data(Splits splits) { data = splits; return this; }
        /** Normalize inputs with the training set's μ, σ (default true). */
        public Builder normalize(boolean on) { normalize = on; return this; }
        /** Picture shape and class names of image data (null when the data are not pictures). */
        public Builder images(ImageShape shape, List<String> names) { imageShape = shape; classNames = names; return this; }
        /** Layer sizes and hidden activation. */
        public Builder architecture(Architecture a) { architecture = a; return this; }
        /** Initialization (default He). */
        public Builder init(Initialization i) { init = i; return this; }
        /** Scale of the initialization (default: the initialization's own, 10 for random, 1 otherwise). */
        public Builder initScale(double s) { initScale = s; return this; }
        /** L2 strength λ (default 0). */
        public Builder l2(double lambda) { l2 = lambda; return this; }
        /** keep_prob: one value, one per hidden layer, or one per layer with the input first (default 1). */
        public Builder keepProb(double... p) { keepProb = p; return this; }
        /** The training plan. */
        public Builder plan(TrainPlan p) { plan = p; return this; }
        /** Augmentation of the training pictures and its seed. */
        public Builder augment(AugmentSpec spec, long s) { augment = spec; augmentSeed = s; return this; }
        /** Device name (auto, cpu, cuda), CPU threads (0 = all cores) and TF32 math on CUDA. */
        public Builder device(String name, int t, boolean tf) { device = name; threads = t; tf32 = tf; return this; }
        /** Arithmetic of the device: float64 (the CPU's default) or float32 (the CUDA device's; on the CPU the float32 device); null = the device's own. */
        public Builder precision(Precision p) { precision = p; return this; }
        /** Seed of the initialization and the dropout masks (default 1). */
        public Builder seed(long s) { seed = s; return this; }
        /** Directory the model (and checkpoints) go into; null = not saved. */
        public Builder save(Path dir) { save = dir; return this; }
        /** Checkpoint directory to continue from; null = a fresh run. */
        public Builder resume(Path dir) { resume = dir; return this; }
        /** Bayes (human-level) error of the diagnosis (default 0). */
        public Builder bayesError(double e) { bayesError = e; return this; }
        /** Device memory the training data and workspace may use, in bytes (default: all that is free). */
        public Builder memoryBudgetBytes(long b) { memoryBudgetBytes = b; return this; }

        /** The checked spec. */
        public RunSpec build() {
            Initialization i = init == null ? Initialization.HE : init;
            List<String> names = classNames != null || data == null || data.train().classNames().isEmpty() ? classNames
                    : data.train().classNames(); // a CSV's class names travel with the model as pictures' do
            return new RunSpec(data, normalize, imageShape, names, architecture, i,
                    initScale != null ? initScale : i.defaultScale(), l2, keepProb, plan, augment, augmentSeed, device, threads,
                    tf32, precision, seed, save, resume, bayesError, memoryBudgetBytes);
        }
    }
}
