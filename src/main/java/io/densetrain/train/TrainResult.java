package io.densetrain.train;

import java.util.List;

/**
 * What a training run did: the recorded costs, how many updates ran, the training time in seconds
 * (excluding data loading and evaluation), and why it stopped ("completed", or the divergence).
 */
public record TrainResult(List<CostPoint> costs, long iterations, double seconds, String stopReason,
                          boolean diverged, List<String> notes) {

    public double firstCost() {
        return costs.isEmpty() ? Double.NaN : costs.get(0).cost();
    }

    public double finalCost() {
        return costs.isEmpty() ? Double.NaN : costs.get(costs.size() - 1).cost();
    }

    /** The cross-entropy part of the last recorded J (NaN without records). */
    public double finalCrossEntropy() {
        return costs.isEmpty() ? Double.NaN : costs.get(costs.size() - 1).crossEntropy();
    }

    /** The L2 part (λ/2m)·Σ‖W‖²_F of the last recorded J (NaN without records). */
    public double finalL2Term() {
        return costs.isEmpty() ? Double.NaN : costs.get(costs.size() - 1).l2Term();
    }
}
