package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.Dataset;
import io.densetrain.device.Activation;
import io.densetrain.device.Precision;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Regularization;
import picocli.CommandLine.Option;

/** The network, its initialization and regularization, and the device it runs on. */
final class ModelOptions {
    @Option(names = "--layers", split = ",", paramLabel = "N",
            description = "All layer sizes n_x,n1,…,nL, e.g. 2,20,3,1. Output 1 = sigmoid (labels 0/1), K ≥ 3 = softmax.")
    int[] layers;

    @Option(names = "--hidden", split = ",", paramLabel = "N",
            description = "Hidden sizes only (default 10,5); input and output sizes come from the data.")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: relu (default), tanh or linear.")
    String activation = "relu";

    @Option(names = "--init", paramLabel = "NAME", description = "zeros, random (randn·scale), he (default), xavier or glorot.")
    String init = "he";

    @Option(names = "--init-scale", paramLabel = "S",
            description = "For random: the standard deviation (default 10). For he/xavier/glorot: a multiplier (default 1).")
    Double initScale;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "L2 strength λ: adds (λ/2m)·Σ||W||² to J (default 0).")
    double l2 = 0;

    @Option(names = "--keep-prob", split = ",", paramLabel = "P",
            description = "Inverted dropout keep probability: one value for every hidden layer, one per hidden layer, "
                    + "or one per layer with the input layer first (default 1 = no dropout).")
    double[] keepProb;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initialization and the dropout masks (default 1).")
    long seed = 1;

    @Option(names = "--device", paramLabel = "NAME", description = "auto (default: CUDA when usable, else CPU), cpu or cuda.")
    String device = "auto";

    @Option(names = "--threads", paramLabel = "T", description = "CPU device threads for OpenBLAS (default: all cores).")
    int threads = 0;

    @Option(names = "--precision", paramLabel = "P",
            description = "float32 or float64 (default: the device's own: cpu float64, cuda float32). "
                    + "--device cpu --precision float32 trains on the float32 CPU device (sgemm); cuda has no float64.")
    String precision;

    @Option(names = "--tf32", description = "CUDA device: TF32 tensor-core math for matrix products (faster, ~1e-3 relative error).")
    boolean tf32;

    Architecture architecture(Dataset train) {
        Activation hiddenActivation = Activation.parseHidden(activation);
        int outputs = train.classes() == 2 ? 1 : train.classes();
        if (layers != null && hidden != null) {
            throw new BadInputException("give --layers or --hidden, not both");
        }
        if (layers != null) {
            Architecture a = new Architecture(layers, hiddenActivation);
            if (a.inputs() != train.featureCount()) {
                throw new BadInputException("--layers starts with " + a.inputs() + " inputs but " + train.name() + " has "
                        + train.featureCount() + " features; start --layers with " + train.featureCount() + " or use --hidden");
            }
            return a;
        }
        int[] h = hidden != null ? hidden : new int[] {10, 5};
        int[] sizes = new int[h.length + 2];
        sizes[0] = train.featureCount();
        System.arraycopy(h, 0, sizes, 1, h.length);
        sizes[sizes.length - 1] = outputs;
        return new Architecture(sizes, hiddenActivation);
    }

    /** --threads, checked: 0 (all cores) or a positive count. */
    int threads() {
        if (threads < 0) {
            throw new BadInputException("--threads must be ≥ 1 (or 0 for all cores), got " + threads);
        }
        return threads;
    }

    /** --precision, checked against --device before anything loads (null: the device's native precision). */
    Precision precision() {
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (io.densetrain.SettingException e) {
            throw new BadInputException("--precision " + e.problem());
        }
        if (p == Precision.FLOAT64 && "cuda".equalsIgnoreCase(device.trim())) {
            throw new BadInputException("--precision float64: the CUDA device computes in float32 only; use --device cpu for float64");
        }
        return p;
    }

    Initialization initialization() {
        return Initialization.parse(init);
    }

    double initScale() {
        return initScale != null ? initScale : initialization().defaultScale();
    }

    Regularization regularization(Architecture architecture) {
        return Regularization.of(l2, keepProb, architecture.depth());
    }
}
