package io.densetrain.train;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;

/**
 * How {@link MiniBatchTrainer} trains: learning rate α, mini-batch size ({@code 0} = the whole
 * training set, the course's batch gradient descent, where one epoch is one update), epochs, the
 * optimizer, learning-rate decay α_e = α/(1 + decay·e) for epoch e, the seed of the per-epoch shuffle,
 * how often (in updates) the cost, dev metrics and layer norms are recorded, optional early stopping
 * (null = off), and how often (in updates) a checkpoint is written (0 = never).
 */
public record TrainPlan(double learningRate, int batchSize, long epochs, Optimizer.Spec optimizer, double decay,
                        long shuffleSeed, long costEvery, EarlyStopping earlyStopping, long checkpointEvery) {

    public TrainPlan {
        new TrainConfig(learningRate, epochs, costEvery); // the shared checks of α, count and period
        if (batchSize < 0) {
            throw new SettingException("batchSize", "must be ≥ 1 (or 0 for the whole training set), got " + batchSize);
        }
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new SettingException("decay", "must be a finite rate ≥ 0, got " + decay);
        }
        if (checkpointEvery < 0) {
            throw new SettingException("checkpointEvery", "must be ≥ 0 updates, got " + checkpointEvery);
        }
    }

    /** The course's default: full-batch gradient descent for {@code iterations} updates. */
    public static TrainPlan fullBatch(TrainConfig config) {
        return new TrainPlan(config.learningRate(), 0, config.iterations(), Optimizer.Spec.gd(), 0, 1, config.costEvery(),
                null, 0);
    }

    /** α for epoch {@code epoch} (0-based). */
    public double learningRate(long epoch) {
        return learningRate / (1 + decay * epoch);
    }

    /** The batch size for {@code m} examples, checked against m. */
    public int effectiveBatch(int m) {
        if (batchSize > m) {
            throw new SettingException("batchSize", batchSize + " is larger than the " + m
                    + " training examples; use at most " + m + " (or 0 for full-batch)");
        }
        return batchSize == 0 ? m : batchSize;
    }
}
