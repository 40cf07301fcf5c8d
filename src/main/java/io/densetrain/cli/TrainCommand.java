package io.densetrain.cli;

import io.densetrain.plot.DesktopModule;
import io.densetrain.augment.AugmentedEpochs;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.DistributionCheck;
import io.densetrain.data.Normalization;
import io.densetrain.data.Splits;
import io.densetrain.model.CheckpointStore;
import io.densetrain.model.DirectoryLock;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.plot.Plots;
import io.densetrain.device.Matrix;
import io.densetrain.train.CostPoint;
import io.densetrain.train.EpochInputs;
import io.densetrain.train.Diagnosis;
import io.densetrain.train.MiniBatchResult;
import io.densetrain.train.MiniBatchTrainer;
import io.densetrain.train.TrainPlan;
import io.densetrain.train.TrainResult;
import io.densetrain.train.TrainState;
import io.densetrain.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densetrain train}: full-batch gradient descent by default, or mini-batches with an optimizer;
 * then train/dev/test accuracy, the bias/variance diagnosis, optional plots, model and checkpoints.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a dense network and report the cost history, train/dev/test accuracy and the bias/variance diagnosis.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    SplitOptions splitting = new SplitOptions();
    @Mixin
    ModelOptions model = new ModelOptions();
    @Mixin
    TrainingOptions training = new TrainingOptions();
    @Mixin
    AugmentOptions augment = new AugmentOptions();
    @Mixin
    MemoryOptions memory = new MemoryOptions();

    @Option(names = "--lr", paramLabel = "ALPHA", description = "Learning rate (default 0.01).")
    double lr = 0.01;

    @Option(names = "--iterations", paramLabel = "N", description = "Full-batch gradient-descent updates (default 15000).")
    long iterations = 15000;

    @Option(names = "--cost-every", paramLabel = "K",
            description = "Record (and print) the cost, dev metrics and layer norms every K updates (default 1000).")
    long costEvery = 1000;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the text report.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainPlan plan = training.plan(lr, iterations, costEvery, model.seed);
        if (training.save != null) ModelStore.checkWritableDirectory(training.save);
        if (training.out != null) DesktopModule.require("train --out (plots)");
        // one writer per --save directory for the whole run (a second live run gets one line naming this process)
        try (DirectoryLock lock = training.save == null ? null : DirectoryLock.acquire(training.save)) {
            return train(out, err, plan);
        }
    }

    private int train(PrintWriter out, PrintWriter err, TrainPlan plan) {
        Splits raw = splitting.load(data);
        List<String> notes = new ArrayList<>();
        DistributionCheck.compare(raw.dev(), raw.test()).ifPresent(w -> notes.add("warning: " + w));
        if (plan.batchSize() > 0 && Integer.bitCount(plan.batchSize()) != 1) {
            notes.add("batch size " + plan.batchSize() + " is not a power of two (64, 128, 256, 512 fit memory best)");
        }
        Normalization normalization = splitting.normalization(raw.train());
        try (RunContext run = new RunContext(normalization.apply(raw), model, plan, memory.budgetBytes())) {
            var shape = data.images.loaded == null ? null : data.images.loaded.shape();
            var augmentation = augment.specFor(shape);
            run.selection.reportNote(err);
            Map<String, Object> identity = RunIdentity.of(run, plan, model, splitting, augment);
            TrainState resume = training.resume == null ? null
                    : CheckpointStore.load(training.resume, identity, plan.earlyStopping() == null ? Double.NaN
                            : plan.earlyStopping().metric() == io.densetrain.train.EarlyStopping.Metric.DEV_COST
                            ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            if (!json) {
                out.println("device:  " + run.device.describe());
                out.println("data:    " + DataOptions.describe(run.split) + (run.splits.dev().size() > 0
                        ? ", " + run.splits.dev().size() + " dev" : "") + (splitting.noNormalize ? ", not normalized" : ", normalized"));
                out.println("network: " + run.architecture + ", init " + model.initialization().label()
                        + " (scale " + model.initScale() + "), " + run.network.regularization());
                out.println("placement: training set " + run.placement.describe());
                out.println("training: " + describe(plan) + (resume != null ? ", resumed at update " + resume.updates() : ""));
                if (!augmentation.isEmpty()) out.println("augment: " + augmentation + " (training pictures only, seed " + augment.augmentSeed + ")");
                out.flush();
            }
            boolean bar = ProgressDisplay.enabled(json, training.noProgress);
            MiniBatchResult result;
            // Augmentation works on the raw pictures; its output is normalized like every other input, and goes into
            // a matrix of its own so that X_train keeps the original pictures for the accuracy reported afterwards.
            AugmentedEpochs epochs = augmentation.isEmpty() ? null
                    : new AugmentedEpochs(new Augmenter(augmentation, shape, raw.train().features(), augment.augmentSeed),
                            normalization::applyInPlace);
            Matrix xFit = epochs == null || run.streamed != null ? run.xTrain
                    : run.device.allocate(run.xTrain.rows(), run.xTrain.cols());
            try (epochs; ProgressDisplay display = bar ? new ProgressDisplay() : null) {
                boolean split = run.network.regularization().lambda() > 0;
                Trainer.Listener listener = json ? null : bar ? display : p -> {
                    out.printf("iteration %8d  cost %.6f%s%n", p.iteration(), p.cost(), split ? CostReport.parts(p) : "");
                    out.flush();
                };
                TrainState.Sink sink = plan.checkpointEvery() == 0 ? null
                        : state -> CheckpointStore.save(training.save, saved(run, normalization, state.theta()), state, identity);
                var hooks = new MiniBatchTrainer.Hooks(listener, bar ? display : null, epochs, resume, sink);
                result = run.streamed != null ? MiniBatchTrainer.train(run.network, run.streamed, run.xDev, run.yDev, plan, hooks)
                        : MiniBatchTrainer.train(run.network, xFit, run.yTrain, run.xDev, run.yDev, plan, hooks);
            }
            TrainResult base = result.base();
            notes.addAll(base.notes());
            if (result.normWarning() != null) notes.add("warning: " + result.normWarning());
            double trainAccuracy = run.streamed != null ? run.streamed.accuracy(run.network, run.placement.batch())
                    : Trainer.accuracy(run.network, run.xTrain, run.yTrain);
            double devAccuracy = Trainer.accuracy(run.network, run.xDev, run.yDev);
            double testAccuracy = Trainer.accuracy(run.network, run.xTest, run.yTest);
            boolean devKnown = !Double.isNaN(devAccuracy);
            double heldOut = devKnown ? devAccuracy : testAccuracy;
            Diagnosis diagnosis = Double.isNaN(heldOut) || Double.isNaN(trainAccuracy) ? null
                    : Diagnosis.of(1 - trainAccuracy, 1 - heldOut, Math.min(training.bayesError, 1 - trainAccuracy));
            if (base.diverged()) {
                // the cause on stderr; weights that diverged are not saved over what --save holds
                err.println("densetrain: training diverged: " + base.stopReason() + (training.save == null ? ""
                        : plan.checkpointEvery() > 0 ? "; " + training.save + " keeps the last checkpoint before it"
                        : "; nothing was saved into " + training.save));
                err.flush();
            } else if (training.save != null && plan.checkpointEvery() == 0) {
                // with checkpoints the trainer has already written the final state (model included) into --save; a model-only
                // save commits a state without checkpoint files, so a checkpoint of an earlier run cannot outlive its weights
                ModelStore.save(training.save, saved(run, normalization, run.network.parameters()));
            }
            if (training.out != null) {
                writePlots(run, normalization, raw, result);
            }
            if (json) {
                out.println(Json.write(report(run, result, notes, trainAccuracy, devAccuracy, testAccuracy, diagnosis, plan)));
            } else {
                notes.forEach(n -> out.println("note:    " + n));
                out.printf("training: %d updates in %.3f s (%s)%n", base.iterations(), base.seconds(), base.stopReason());
                CostReport.print(out, result, l2Equivalents(run, plan), plan.batchSize() > 0);
                out.printf("train accuracy: %.4f%n", trainAccuracy);
                out.printf("dev accuracy:   %s%n", devKnown ? String.format("%.4f", devAccuracy) : "n/a (no dev set)");
                out.printf("test accuracy:  %s%n", Double.isNaN(testAccuracy) ? "n/a (no test set)" : String.format("%.4f", testAccuracy));
                if (diagnosis != null) {
                    out.print(devKnown ? diagnosis.report() : diagnosis.report().replace("dev error", "dev error (test set, no dev set)"));
                }
                if (training.save != null && !base.diverged()) out.println("saved:   " + training.save);
                if (training.out != null) out.println("plots:   " + training.out);
            }
            out.flush();
            return base.diverged() ? Main.EXIT_CHECK_FAILED : 0;
        }
    }

    private static String describe(TrainPlan plan) {
        String batches = plan.batchSize() == 0 ? "full batch, " + plan.epochs() + " iterations"
                : "mini-batches of " + plan.batchSize() + ", " + plan.epochs() + " epochs";
        return batches + ", " + plan.optimizer().kind().label() + ", α " + plan.learningRate()
                + (plan.decay() > 0 ? " decay " + plan.decay() : "")
                + (plan.earlyStopping() != null ? ", early stopping on " + plan.earlyStopping().metric().label()
                + " (patience " + plan.earlyStopping().patience() + ")" : "");
    }

    private SavedModel saved(RunContext run, Normalization normalization, double[] theta) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", run.train().name());
        config.put("init", model.initialization().label());
        config.put("l2", run.network.regularization().lambda());
        config.put("keep_prob", run.network.regularization().keepProb());
        config.put("optimizer", training.optimizer);
        config.put("batch_size", training.batchSize);
        config.put("lr", lr);
        config.put("seed", model.seed);
        // image data: the shape (H, W, C) and class names travel with the model, so predict --image can read pictures
        var images = data.images.loaded;
        int[] inputShape = images == null || images.shape() == null ? null
                : new int[] {images.shape().height(), images.shape().width(), images.shape().channels()};
        List<String> classNames = images == null || images.classNames().isEmpty() ? null : images.classNames();
        return new SavedModel(run.architecture, !splitting.noNormalize, normalization, run.train().featureNames(), classNames,
                inputShape, config, theta);
    }

    private void writePlots(RunContext run, Normalization normalization, Splits raw, MiniBatchResult result) {
        try {
            Files.createDirectories(training.out);
        } catch (java.io.IOException e) {
            throw new io.densetrain.BadInputException(training.out + ": cannot create the plot directory (" + e.getMessage() + ")");
        }
        Plots.costCurve(training.out.resolve("cost.png"), "cost J (train and dev)", result.base().costs(), result.devCosts());
        Plots.gradientNorms(training.out.resolve("gradient_norms.png"), "per-layer gradient norms", result.norms());
        if (run.architecture.inputs() == 2) {
            Predictor predictor = new Predictor(run.network, normalization);
            Plots.decisionBoundary(training.out.resolve("decision_boundary.png"), "decision boundary (training set)",
                    raw.train(), predictor::classes);
        }
    }

    private Map<String, Object> report(RunContext run, MiniBatchResult full, List<String> notes, double trainAccuracy,
                                       double devAccuracy, double testAccuracy, Diagnosis diagnosis, TrainPlan plan) {
        TrainResult result = full.base();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "train");
        r.put("device", run.device.describe());
        r.put("data", run.train().name());
        r.put("train_examples", run.split.train().size());
        r.put("dev_examples", run.splits.dev().size());
        r.put("test_examples", run.split.test().size());
        r.put("normalized", !splitting.noNormalize);
        r.put("layers", run.architecture.sizes());
        r.put("activation", run.architecture.hidden().label());
        r.put("output", run.architecture.output().label());
        r.put("init", model.initialization().label());
        r.put("init_scale", model.initScale());
        r.put("l2", run.network.regularization().lambda());
        r.put("keep_prob", run.network.regularization().keepProb());
        r.put("augment", augment.spec().toString());
        r.put("lr", lr);
        r.put("optimizer", plan.optimizer().kind().label());
        r.put("batch_size", plan.batchSize());
        r.put("epochs", plan.epochs());
        r.put("data_placement", run.placement.label());
        r.put("iterations", result.iterations());
        r.put("train_accuracy", trainAccuracy);
        r.put("dev_accuracy", devAccuracy);
        r.put("test_accuracy", testAccuracy);
        r.put("first_cost", result.firstCost());
        r.put("final_cost", result.finalCost());
        r.put("final_cross_entropy", result.finalCrossEntropy());
        r.put("final_l2_term", result.finalL2Term());
        CostReport.putDev(r, full.devCosts());
        var equivalents = l2Equivalents(run, plan);
        r.put("l2_equivalents", equivalents == null ? null : equivalents.json());
        r.put("seconds", result.seconds());
        r.put("stop_reason", result.stopReason());
        r.put("restored_iteration", full.restoredIteration() >= 0 ? full.restoredIteration() : null);
        r.put("diverged", result.diverged());
        r.put("notes", notes);
        r.put("diagnosis", diagnosis == null ? null : diagnosisJson(diagnosis));
        r.put("costs", pairs(result.costs()));
        r.put("dev_costs", pairs(full.devCosts()));
        r.put("gradient_norms", full.norms().stream().map(n -> (Object) List.of(n.iteration(),
                java.util.Arrays.stream(n.gradient()).skip(1).boxed().toList())).toList());
        return r;
    }

    static Map<String, Object> diagnosisJson(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_error", d.trainError());
        m.put("dev_error", d.devError());
        m.put("bayes_error", d.bayesError());
        m.put("avoidable_bias", d.avoidableBias());
        m.put("variance", d.variance());
        m.put("bias_threshold", d.biasThreshold());
        m.put("variance_threshold", d.varianceThreshold());
        m.put("verdict", d.verdict());
        m.put("next_steps", d.nextSteps());
        return m;
    }

    /** {@code [iteration, J, cross-entropy, L2 term]} per record. */
    private static List<Object> pairs(List<CostPoint> points) {
        return points.stream().map(p -> (Object) java.util.Arrays.asList(p.iteration(), p.cost(), p.crossEntropy(), p.l2Term())).toList();
    }

    private static io.densetrain.train.L2Equivalents l2Equivalents(RunContext run, TrainPlan plan) {
        return io.densetrain.train.L2Equivalents.of(run.network.regularization().lambda(), plan, run.split.train().size());
    }
}
