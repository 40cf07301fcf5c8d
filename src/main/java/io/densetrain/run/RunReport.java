package io.densetrain.run;

import io.densetrain.model.SavedModel;
import io.densetrain.train.Diagnosis;
import io.densetrain.train.L2Equivalents;
import io.densetrain.train.MiniBatchResult;
import java.util.List;

/**
 * What {@link Runs#execute} returns: the spec and setup, the trainer's result (records, norms, stop reason, seconds),
 * accuracy and regularized cost J on the train/dev/test sets after training (NaN for an empty set; the train cost is
 * NaN when the training set was streamed), the bias/variance diagnosis (null without a held-out set), the notes, the
 * L2 equivalents of other frameworks (null without L2), the trained model with its normalization ({@code saved}), and
 * whether it was written into the spec's save directory.
 */
public record RunReport(RunSpec spec, RunSetup setup, MiniBatchResult result, double trainAccuracy, double devAccuracy,
                        double testAccuracy, double trainCost, double devCost, double testCost, Diagnosis diagnosis,
                        List<String> notes, L2Equivalents l2Equivalents, SavedModel saved, boolean written) {
    /** Copies the notes. */
    public RunReport {
        notes = List.copyOf(notes);
    }

    /** The records as a {@link History}. */
    public History history() {
        return new History(result.base().costs(), result.devCosts(), result.devAccuracies(), result.base().stopReason(),
                result.base().iterations());
    }

    /** Why training stopped. */
    public String stopReason() {
        return result.base().stopReason();
    }

    /** Whether the cost diverged (the model then holds the diverged weights and was not saved). */
    public boolean diverged() {
        return result.base().diverged();
    }

    /** Updates made. */
    public long updates() {
        return result.base().iterations();
    }

    /** Training time in seconds (no loading, no evaluation). */
    public double seconds() {
        return result.base().seconds();
    }
}
