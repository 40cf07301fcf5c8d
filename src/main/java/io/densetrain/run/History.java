package io.densetrain.run;

import io.densetrain.train.CostPoint;
import java.util.List;

/**
 * What a run recorded, one entry per record (each {@code costEvery} updates and the last): the train cost J of that
 * update's batch with its cross-entropy and L2 parts, and, with a dev set, the dev cost and dev accuracy of the same
 * weights (empty lists without one); why the run stopped and how many updates it made.
 */
public record History(List<CostPoint> costs, List<CostPoint> devCosts, List<CostPoint> devAccuracies, String stopReason,
                      long updates) {
    /** Copies the lists. */
    public History {
        costs = List.copyOf(costs);
        devCosts = List.copyOf(devCosts);
        devAccuracies = List.copyOf(devAccuracies);
    }

    /** The update counter of every train record. */
    public long[] iterations() {
        return costs.stream().mapToLong(CostPoint::iteration).toArray();
    }

    /** Train J at every record. */
    public double[] costValues() {
        return costs.stream().mapToDouble(CostPoint::cost).toArray();
    }

    /** Dev J at every record (empty without a dev set). */
    public double[] devCostValues() {
        return devCosts.stream().mapToDouble(CostPoint::cost).toArray();
    }

    /** Dev accuracy at every record (empty without a dev set). */
    public double[] devAccuracyValues() {
        return devAccuracies.stream().mapToDouble(CostPoint::cost).toArray();
    }

    /** The last train J, NaN without records. */
    public double finalCost() {
        return costs.isEmpty() ? Double.NaN : costs.get(costs.size() - 1).cost();
    }

    /**
     * The last recorded dev J, NaN without a dev set. After early stopping restored the weights of an earlier record, the
     * trained model's own dev cost is {@link RunReport#devCost()} (the restored weights'), not this.
     */
    public double finalDevCost() {
        return devCosts.isEmpty() ? Double.NaN : devCosts.get(devCosts.size() - 1).cost();
    }

    /** The last recorded dev accuracy, NaN without a dev set; after a restore, see {@link RunReport#devAccuracy()}. */
    public double finalDevAccuracy() {
        return devAccuracies.isEmpty() ? Double.NaN : devAccuracies.get(devAccuracies.size() - 1).cost();
    }
}
