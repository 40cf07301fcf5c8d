package io.densetrain.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * densetrain's L2 penalty in other tools' terms. densetrain adds (λ/2m)·Σ‖W[l]‖²_F to J and
 * (λ/m)·W[l] to every dW[l], with m the number of examples in the update's batch (the training set in
 * full-batch mode, the mini-batch otherwise). PyTorch's {@code weight_decay} adds wd·W to the gradient,
 * so wd = λ/m; Keras's {@code regularizers.l2(c)} adds c·Σw² to the batch-averaged loss, so
 * c = λ/(2m). Both apply to the weights only (densetrain never decays the biases). The penalty is in
 * the gradient before the optimizer, as {@code torch.optim.Adam(weight_decay=wd)}, not AdamW's
 * decoupled decay.
 *
 * @param m          the examples per update: the training set (full batch) or the batch size B
 * @param lastBatchM the examples in the last batch of an epoch (m when B divides the training set);
 *                   that batch's penalty is λ/lastBatchM, stronger than λ/m
 */
public record L2Equivalents(double lambda, int m, boolean fullBatch, int lastBatchM) {

    /** The equivalents for a plan over {@code trainExamples} examples, or null when λ = 0. */
    public static L2Equivalents of(double lambda, TrainPlan plan, int trainExamples) {
        if (!(lambda > 0)) return null;
        int m = plan.effectiveBatch(trainExamples);
        int rest = trainExamples % m;
        return new L2Equivalents(lambda, m, plan.batchSize() == 0, rest == 0 ? m : rest);
    }

    /** PyTorch {@code weight_decay} (SGD, Adam): λ/m. */
    public double pytorchWeightDecay() {
        return lambda / m;
    }

    /** Keras {@code regularizers.l2(c)}: c = λ/(2m). */
    public double kerasL2() {
        return lambda / (2.0 * m);
    }

    /** What m is, in words. */
    public String mSource() {
        return fullBatch ? "training set size (full batch)" : "mini-batch size";
    }

    /** One line for the text report. */
    public String describe() {
        String last = lastBatchM != m ? String.format("; the last batch of each epoch has %d examples, so its penalty is"
                + " λ/%d = %.6g", lastBatchM, lastBatchM, lambda / lastBatchM) : "";
        return String.format("PyTorch weight_decay = λ/m = %.6g, Keras regularizers.l2 = λ/(2m) = %.6g (m = %d, the %s;"
                + " on the weights only, in the gradient like torch.optim.Adam(weight_decay=…), not AdamW%s)",
                pytorchWeightDecay(), kerasL2(), m, mSource(), last);
    }

    /** The {@code l2_equivalents} object of {@code --json}. */
    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("lambda", lambda);
        j.put("m", m);
        j.put("m_is", mSource());
        j.put("last_batch_m", lastBatchM);
        j.put("pytorch_weight_decay", pytorchWeightDecay());
        j.put("keras_l2", kerasL2());
        j.put("applies_to", "weights only (not biases)");
        j.put("adam", "L2 in the gradient, as torch.optim.Adam(weight_decay=...), not AdamW");
        return j;
    }
}
