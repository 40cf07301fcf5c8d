package io.densetrain.cli;

import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.Trainer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain train}: batch gradient descent, then train and test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a dense network and report the cost history and train/test accuracy.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    ModelOptions model = new ModelOptions();
    @Mixin
    AugmentOptions augment = new AugmentOptions();

    @Option(names = "--lr", paramLabel = "ALPHA", description = "Learning rate (default 0.01).")
    double lr = 0.01;

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient-descent updates (default 15000).")
    long iterations = 15000;

    @Option(names = "--cost-every", paramLabel = "K", description = "Record (and print) the cost every K iterations (default 1000).")
    long costEvery = 1000;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the text report.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainConfig config = new TrainConfig(lr, iterations, costEvery);
        try (RunContext run = new RunContext(data, model)) {
            var shape = data.images.loaded == null ? null : data.images.loaded.shape();
            var augmentation = augment.specFor(shape);
            if (run.selection.note() != null) {
                err.println(run.selection.note());
                err.flush();
            }
            if (!json) {
                out.println("device:  " + run.device.describe());
                out.println("data:    " + DataOptions.describe(run.split));
                out.println("network: " + run.architecture + ", init " + model.initialization().label()
                        + " (scale " + model.initScale() + "), " + run.network.regularization());
                if (!augmentation.isEmpty()) out.println("augment: " + augmentation + " (training pictures only, seed " + augment.augmentSeed + ")");
                out.flush();
            }
            Trainer.Listener progress = json ? null : p -> {
                out.printf("iteration %8d  cost %.6f%n", p.iteration(), p.cost());
                out.flush();
            };
            TrainResult result = AugmentedTraining.train(run, config, progress, augmentation, shape, augment.augmentSeed);
            double trainAccuracy = Trainer.accuracy(run.network, run.xTrain, run.yTrain);
            double testAccuracy = Trainer.accuracy(run.network, run.xTest, run.yTest);
            if (json) {
                out.println(Json.write(report(run, result, trainAccuracy, testAccuracy)));
            } else {
                result.notes().forEach(n -> out.println("note:    " + n));
                out.printf("training: %d iterations in %.3f s (%s)%n", result.iterations(), result.seconds(), result.stopReason());
                out.printf("train accuracy: %.4f%n", trainAccuracy);
                out.printf("test accuracy:  %s%n", Double.isNaN(testAccuracy) ? "n/a (no test set)" : String.format("%.4f", testAccuracy));
            }
            out.flush();
            return result.diverged() ? Main.EXIT_CHECK_FAILED : 0;
        }
    }

    private Map<String, Object> report(RunContext run, TrainResult result, double trainAccuracy, double testAccuracy) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "train");
        r.put("device", run.device.describe());
        r.put("data", run.train().name());
        r.put("train_examples", run.split.train().size());
        r.put("test_examples", run.split.test().size());
        r.put("layers", run.architecture.sizes());
        r.put("activation", run.architecture.hidden().label());
        r.put("output", run.architecture.output().label());
        r.put("init", model.initialization().label());
        r.put("init_scale", model.initScale());
        r.put("l2", run.network.regularization().lambda());
        r.put("keep_prob", run.network.regularization().keepProb());
        r.put("augment", augment.spec().toString());
        r.put("lr", lr);
        r.put("iterations", result.iterations());
        r.put("train_accuracy", trainAccuracy);
        r.put("test_accuracy", testAccuracy);
        r.put("first_cost", result.firstCost());
        r.put("final_cost", result.finalCost());
        r.put("seconds", result.seconds());
        r.put("stop_reason", result.stopReason());
        r.put("diverged", result.diverged());
        r.put("notes", result.notes());
        List<Object> costs = result.costs().stream().map(p -> (Object) List.of(p.iteration(), p.cost())).toList();
        r.put("costs", costs);
        return r;
    }

}
