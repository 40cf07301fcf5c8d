package io.densetrain.cli;

import io.densetrain.data.Splits;
import io.densetrain.device.DeviceSelector;
import io.densetrain.model.ModelStore;
import io.densetrain.nn.Network;
import io.densetrain.plot.DesktopModule;
import io.densetrain.plot.Plots;
import io.densetrain.run.RunReport;
import io.densetrain.run.RunSetup;
import io.densetrain.run.RunSpec;
import io.densetrain.run.Runs;
import io.densetrain.train.CostPoint;
import io.densetrain.train.Diagnosis;
import io.densetrain.train.MiniBatchResult;
import io.densetrain.train.MiniBatchTrainer;
import io.densetrain.train.TrainPlan;
import io.densetrain.train.TrainResult;
import io.densetrain.train.TrainingEvent;
import io.densetrain.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        if (training.out != null) Plots.prepareDirectory(training.out);
        RunSpec run = runSpec(splitting.load(data), plan);
        boolean bar = ProgressDisplay.enabled(json, training.noProgress);
        boolean split = run.l2() > 0;
        try (ProgressDisplay display = bar ? new ProgressDisplay() : null) {
            TrainingListener listener = json ? null : e -> {
                if (e.kind() != TrainingEvent.Kind.RECORD) return;
                if (bar) {
                    display.onCost(e.cost());
                } else {
                    out.printf("iteration %8d  cost %.6f%s%n", e.update(), e.cost().cost(), split ? CostReport.parts(e.cost()) : "");
                    out.flush();
                }
            };
            RunReport report = Runs.execute(run, new Runs.Observer() {
                @Override
                public void deviceOpened(DeviceSelector.Selection selection) {
                    selection.reportNote(err);
                }

                @Override
                public void started(RunSetup setup) {
                    if (!json) header(out, run, setup);
                }

                @Override
                public MiniBatchTrainer.Progress progress() {
                    return display;
                }

                @Override
                public void finished(RunReport r, Network network) {
                    if (r.diverged()) {
                        // the cause on stderr; weights that diverged are not saved over what --save holds
                        err.println("densetrain: training diverged: " + r.stopReason() + (training.save == null ? ""
                                : plan.checkpointEvery() > 0 ? "; " + training.save + " keeps the last checkpoint before it"
                                : "; nothing was saved into " + training.save));
                        err.flush();
                    }
                    if (training.out != null) writePlots(network, r);
                }
            }, listener == null ? List.of() : List.of(listener));
            if (json) {
                out.println(Json.write(report(report)));
            } else {
                text(out, report);
            }
            out.flush();
            return report.diverged() ? Main.EXIT_CHECK_FAILED : 0;
        }
    }

    /** The run these options describe, on the loaded raw {@code splits}. */
    RunSpec runSpec(Splits splits, TrainPlan plan) {
        if (plan.earlyStopping() != null && splits.dev().size() == 0) { // the library names the setting; here, the CLI's two ways
            throw new io.densetrain.BadInputException("early stopping needs a dev set: add --split 0.8,0.1,0.1 or --dev FILE.csv");
        }
        var images = data.images.loaded;
        var shape = images == null ? null : images.shape();
        return RunSpec.builder().data(splits).normalize(!splitting.noNormalize)
                .images(shape, images == null ? null : images.classNames())
                .architecture(model.architecture(splits.train())).init(model.initialization()).initScale(model.initScale())
                .l2(model.l2).keepProb(model.keepProb).plan(plan).augment(augment.specFor(shape), augment.augmentSeed)
                .device(model.device, model.threads(), model.tf32).precision(model.precision()).seed(model.seed).save(training.save).resume(training.resume)
                .bayesError(training.bayesError).memoryBudgetBytes(memory.budgetBytes()).build();
    }

    private void header(PrintWriter out, RunSpec run, RunSetup setup) {
        var split = new io.densetrain.data.TrainTest(setup.splits().train(), setup.splits().test());
        out.println("device:  " + setup.device());
        out.println("data:    " + DataOptions.describe(split) + (setup.splits().dev().size() > 0
                ? ", " + setup.splits().dev().size() + " dev" : "") + (run.normalize() ? ", normalized" : ", not normalized"));
        if (run.classNames() != null && !run.classNames().isEmpty()) out.println("classes: " + classList(run.classNames()));
        out.println("network: " + setup.architecture() + ", init " + run.init().label()
                + " (scale " + run.initScale() + "), " + setup.regularization());
        out.println("placement: training set " + setup.placement().describe());
        out.println("training: " + describe(run.plan()) + (setup.resumedAt() >= 0 ? ", resumed at update " + setup.resumedAt() : ""));
        if (!run.augment().isEmpty()) out.println("augment: " + run.augment() + " (training pictures only, seed " + run.augmentSeed() + ")");
        out.flush();
    }

    /** "0 setosa, 1 versicolor, 2 virginica": each class index with its name, the first 10 of a longer list. */
    static String classList(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < Math.min(names.size(), 10); k++) s.append(k == 0 ? "" : ", ").append(k).append(' ').append(names.get(k));
        return names.size() > 10 ? s + ", ... (" + names.size() + " in all)" : s.toString();
    }

    private void text(PrintWriter out, RunReport r) {
        TrainResult base = r.result().base();
        boolean devKnown = !Double.isNaN(r.devAccuracy());
        r.notes().forEach(n -> out.println("note:    " + n));
        out.printf("training: %d updates in %.3f s (%s)%n", base.iterations(), base.seconds(), base.stopReason());
        CostReport.print(out, r.result(), r.l2Equivalents(), r.spec().plan().batchSize() > 0);
        out.printf("train accuracy: %.4f%n", r.trainAccuracy());
        out.printf("dev accuracy:   %s%n", devKnown ? String.format("%.4f", r.devAccuracy()) : "n/a (no dev set)");
        out.printf("test accuracy:  %s%n", Double.isNaN(r.testAccuracy()) ? "n/a (no test set)" : String.format("%.4f", r.testAccuracy()));
        if (r.diagnosis() != null) {
            out.print(devKnown ? r.diagnosis().report() : r.diagnosis().report().replace("dev error", "dev error (test set, no dev set)"));
        }
        if (training.save != null && !base.diverged()) out.println("saved:   " + training.save);
        if (training.out != null) out.println("plots:   " + training.out);
    }

    private static String describe(TrainPlan plan) {
        String batches = plan.batchSize() == 0 ? "full batch, " + plan.epochs() + " iterations"
                : "mini-batches of " + plan.batchSize() + ", " + plan.epochs() + " epochs";
        return batches + ", " + plan.optimizer().kind().label() + ", α " + plan.learningRate()
                + (plan.decay() > 0 ? " decay " + plan.decay() : "")
                + (plan.earlyStopping() != null ? ", early stopping on " + plan.earlyStopping().metric().label()
                + " (patience " + plan.earlyStopping().patience() + ")" : "");
    }

    private void writePlots(Network network, RunReport r) {
        try {
            Files.createDirectories(training.out);
        } catch (java.io.IOException e) {
            throw new io.densetrain.BadInputException(training.out + ": cannot create the plot directory (" + e.getMessage() + ")");
        }
        MiniBatchResult result = r.result();
        Plots.costCurve(training.out.resolve("cost.png"), "cost J (train and dev)", result.base().costs(), result.devCosts());
        Plots.gradientNorms(training.out.resolve("gradient_norms.png"), "per-layer gradient norms", result.norms());
        if (r.setup().architecture().inputs() == 2) {
            Predictor predictor = new Predictor(network, r.saved().normalization());
            Plots.decisionBoundary(training.out.resolve("decision_boundary.png"), "decision boundary (training set)",
                    r.spec().data().train(), predictor::classes);
        }
    }

    private Map<String, Object> report(RunReport report) {
        TrainResult result = report.result().base();
        MiniBatchResult full = report.result();
        RunSetup setup = report.setup();
        RunSpec run = report.spec();
        TrainPlan plan = run.plan();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "train");
        r.put("device", setup.device());
        r.put("data", setup.splits().train().name());
        r.put("train_examples", setup.splits().train().size());
        r.put("dev_examples", setup.splits().dev().size());
        r.put("test_examples", setup.splits().test().size());
        r.put("normalized", run.normalize());
        r.put("layers", setup.architecture().sizes());
        r.put("activation", setup.architecture().hidden().label());
        r.put("output", setup.architecture().output().label());
        if (run.classNames() != null && !run.classNames().isEmpty()) r.put("class_names", run.classNames());
        r.put("init", run.init().label());
        r.put("init_scale", run.initScale());
        r.put("l2", setup.regularization().lambda());
        r.put("keep_prob", setup.regularization().keepProb());
        r.put("augment", run.augment().toString());
        r.put("lr", lr);
        r.put("optimizer", plan.optimizer().kind().label());
        r.put("batch_size", plan.batchSize());
        r.put("epochs", plan.epochs());
        r.put("data_placement", setup.placement().label());
        r.put("iterations", result.iterations());
        r.put("train_accuracy", report.trainAccuracy());
        r.put("dev_accuracy", report.devAccuracy());
        r.put("test_accuracy", report.testAccuracy());
        r.put("first_cost", result.firstCost());
        r.put("final_cost", result.finalCost());
        r.put("final_cross_entropy", result.finalCrossEntropy());
        r.put("final_l2_term", result.finalL2Term());
        CostReport.putDev(r, full.devCosts());
        r.put("l2_equivalents", report.l2Equivalents() == null ? null : report.l2Equivalents().json());
        r.put("seconds", result.seconds());
        r.put("stop_reason", result.stopReason());
        r.put("restored_iteration", full.restoredIteration() >= 0 ? full.restoredIteration() : null);
        r.put("diverged", result.diverged());
        r.put("notes", report.notes());
        r.put("diagnosis", report.diagnosis() == null ? null : diagnosisJson(report.diagnosis()));
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
}
