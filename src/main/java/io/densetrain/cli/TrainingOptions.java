package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.train.EarlyStopping;
import io.densetrain.train.Optimizer;
import io.densetrain.train.TrainPlan;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Mini-batches, optimizers, decay, early stopping, checkpoints, outputs: the practice around {@code train}. */
final class TrainingOptions {
    @Option(names = "--batch-size", paramLabel = "B",
            description = "Mini-batch size (default 0 = the whole training set: batch gradient descent, one update per iteration).")
    int batchSize = 0;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Passes over the training set with --batch-size (default 100). Without mini-batches --iterations counts the updates.")
    Long epochs;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "gd (default), momentum, rmsprop or adam.")
    String optimizer = "gd";

    @Option(names = "--beta1", paramLabel = "B1", description = "β1 of momentum and adam (default 0.9).")
    double beta1 = 0.9;

    @Option(names = "--beta2", paramLabel = "B2", description = "β2 of rmsprop and adam (default 0.999).")
    double beta2 = 0.999;

    @Option(names = "--adam-epsilon", paramLabel = "EPS", description = "ε of rmsprop and adam (default 1e-8).")
    double epsilon = 1e-8;

    @Option(names = "--decay", paramLabel = "RATE", description = "Learning-rate decay α/(1 + rate·epoch) (default 0 = none).")
    double decay = 0;

    @Option(names = "--shuffle-seed", paramLabel = "S", description = "Seed of the per-epoch mini-batch shuffle (default: --seed).")
    Long shuffleSeed;

    @Option(names = "--early-stopping", paramLabel = "METRIC",
            description = "Stop when the dev metric stops improving: dev-cost or dev-accuracy (needs a dev set).")
    String earlyStopping;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping: evaluations (one per --cost-every) without improvement (default 5).")
    int patience = 5;

    @Option(names = "--no-restore-best", negatable = false, description = "Early stopping: keep the last weights instead of the best.")
    boolean noRestoreBest;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Write a checkpoint into --save DIR every N updates (default 0 = never).")
    long checkpointEvery = 0;

    @Option(names = "--save", paramLabel = "DIR", description = "Save the trained model (model.safetensors + model.json) into DIR.")
    Path save;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue from the checkpoint in DIR; give the original run's flags.")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Write plots (cost.png, gradient_norms.png, decision_boundary.png) into DIR.")
    Path out;

    @Option(names = "--bayes-error", paramLabel = "E", description = "Bayes (human-level) error for the diagnosis, a fraction (default 0).")
    double bayesError = 0;

    @Option(names = "--no-progress", negatable = false, description = "No progress bar (it is shown only when stdout is a terminal).")
    boolean noProgress;

    TrainPlan plan(double lr, long iterations, long costEvery, long seed) {
        if (checkpointEvery > 0 && save == null) {
            throw new BadInputException("--checkpoint-every needs --save DIR for the checkpoints");
        }
        if (!(bayesError >= 0 && bayesError < 1)) {
            throw new BadInputException("--bayes-error must be a fraction in [0, 1), got " + bayesError);
        }
        if (epochs != null && epochs < 0) {
            throw new BadInputException("--epochs must be ≥ 0, got " + epochs);
        }
        Optimizer.Spec spec = new Optimizer.Spec(Optimizer.Kind.parse(optimizer), beta1, beta2, epsilon);
        EarlyStopping stopping = earlyStopping == null ? null
                : new EarlyStopping(EarlyStopping.Metric.parse(earlyStopping), patience, !noRestoreBest);
        long count = batchSize == 0 ? (epochs != null ? epochs : iterations) : (epochs != null ? epochs : 100);
        return new TrainPlan(lr, batchSize, count, spec, decay, shuffleSeed != null ? shuffleSeed : seed, costEvery, stopping,
                checkpointEvery);
    }
}
