package io.densetrain.train;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;

/**
 * Batch gradient descent settings: learning rate α, number of iterations (updates), and how often the
 * cost is computed and recorded (every {@code costEvery} iterations, plus the last).
 */
public record TrainConfig(double learningRate, long iterations, long costEvery) {

    public TrainConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new SettingException("learningRate", "must be a positive finite learning rate, got " + learningRate);
        }
        if (iterations < 0) {
            throw new SettingException("iterations", "must be ≥ 0, got " + iterations);
        }
        if (costEvery < 1) {
            throw new SettingException("costEvery", "must be ≥ 1, got " + costEvery);
        }
    }
}
