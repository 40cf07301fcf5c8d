package io.densetrain.run;

import io.densetrain.data.Dataset;
import io.densetrain.data.Splits;
import io.densetrain.train.TrainPlan;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resumed run must share with the run that wrote the checkpoint: every flag and input that
 * changes the trajectory. The training and dev sets enter as SHA-256 digests of their (normalized)
 * values and labels, so other data of the same size, or another normalization, is a difference.
 * Only the planned length (--epochs/--iterations) is left out: it may grow. The device is left out too
 * (a run may continue on another machine; CPU and CUDA agree to rounding, not bit for bit), but TF32 math,
 * which changes the products by ~1e-3, is compared.
 */
final class RunIdentity {
    private RunIdentity() {
    }

    static Map<String, Object> of(RunSpec spec, Splits normalized) {
        TrainPlan plan = spec.plan();
        var regularization = spec.regularization();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("layers", spec.architecture().sizes());
        id.put("activation", spec.architecture().hidden().label());
        id.put("init", spec.init().label());
        id.put("init_scale", spec.initScale());
        id.put("seed", spec.seed());
        id.put("l2", regularization.lambda());
        id.put("keep_prob", regularization.keepProb());
        id.put("optimizer", plan.optimizer().kind().label());
        id.put("beta1", plan.optimizer().beta1());
        id.put("beta2", plan.optimizer().beta2());
        id.put("epsilon", plan.optimizer().epsilon());
        id.put("lr", plan.learningRate());
        id.put("decay", plan.decay());
        id.put("batch_size", plan.batchSize());
        id.put("shuffle_seed", plan.shuffleSeed());
        id.put("cost_every", plan.costEvery());
        id.put("early_stopping", plan.earlyStopping() == null ? "off" : plan.earlyStopping().metric().label() + ", patience "
                + plan.earlyStopping().patience() + (plan.earlyStopping().restoreBest() ? ", restore best" : ", keep last"));
        id.put("normalization", spec.normalize());
        id.put("train_examples", normalized.train().size());
        id.put("train_data_sha256", digest(normalized.train()));
        id.put("dev_data_sha256", digest(normalized.dev()));
        id.put("augment", spec.augment().toString());
        id.put("augment_seed", spec.augmentSeed());
        id.put("tf32", spec.tf32());
        return id;
    }

    /** SHA-256 of n_x, m, every feature value (IEEE bits, column-major) and every label. */
    static String digest(Dataset d) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            b.putLong(d.featureCount()).putLong(d.size());
            for (double v : d.features()) {
                if (b.remaining() < 8) flush(sha, b);
                b.putDouble(v);
            }
            for (int y : d.labels()) {
                if (b.remaining() < 8) flush(sha, b);
                b.putInt(y);
            }
            flush(sha, b);
            sha.update(String.join("\u0000", d.featureNames()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void flush(MessageDigest sha, ByteBuffer b) {
        sha.update(b.array(), 0, b.position());
        b.clear();
    }
}
