package io.densetrain.nn;

import io.densetrain.BadInputException;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceOutOfMemoryException;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;

/**
 * A dense network resident on one {@link Device}: θ and dθ as single buffers with W[l], b[l] (and dW,
 * db) as views ({@link ParameterLayout}), plus activations, logits and dropout masks sized for the
 * largest batch seen, allocated once. Forward and backward are written here once for every device:
 * <pre>
 *   forward:  A0 = X (∘ D0/keep0);  Z[l] = W[l]·A[l−1] + b[l];  A[l] = g(Z[l]) (∘ D[l]/keep[l])
 *   backward: dZ[L] = (A[L] − Y)/m;  dW[l] = dZ[l]·A[l−1]ᵀ + (λ/m)·W[l];  db[l] = Σ_cols dZ[l];
 *             dA[l−1] = W[l]ᵀ·dZ[l] (∘ D[l−1]/keep[l−1]);  dZ[l−1] = dA[l−1] ∘ g'(Z[l−1])
 *   cost:     J = (1/m)·Σ cross-entropy(Z[L], Y) + (λ/2m)·Σ_l ||W[l]||²_F
 * </pre>
 */
public final class Network implements AutoCloseable {
    private final Device device;
    private final Architecture architecture;
    private final ParameterLayout layout;
    private final Regularization regularization;
    private final long dropoutSeed;

    private final Matrix theta;
    private final Matrix grad;
    private final Matrix[] weights;
    private final Matrix[] biases;
    private final Matrix[] weightGrads;
    private final Matrix[] biasGrads;
    private final Matrix allWeights;
    private final Matrix allWeightGrads;

    /** Workspace storage, capacity columns; views of width m are taken per batch. */
    private int capacity;
    private long allocatedThisPass;
    private Matrix[] zStore, aStore, maskStore;
    private Matrix deltaStoreA, deltaStoreB;

    /** Views for the current batch width. */
    private int width = -1;
    private Matrix[] z, a, mask;
    /** deltas[s][l]: an (n[l], m) view of delta store s (0 or 1); backward alternates between the two. */
    private Matrix[][] deltas;
    private Matrix input;
    private boolean trainingForward;

    public Network(Device device, Architecture architecture, Regularization regularization, long dropoutSeed) {
        if (regularization.keepProb().length != architecture.depth()) {
            throw new IllegalArgumentException("keep_prob needs " + architecture.depth() + " values");
        }
        this.device = device;
        this.architecture = architecture;
        this.layout = new ParameterLayout(architecture);
        this.regularization = regularization;
        this.dropoutSeed = dropoutSeed;
        int depth = architecture.depth();
        int total = Math.toIntExact(layout.total());
        theta = device.allocate(total, 1);
        grad = device.allocate(total, 1);
        weights = new Matrix[depth + 1];
        biases = new Matrix[depth + 1];
        weightGrads = new Matrix[depth + 1];
        biasGrads = new Matrix[depth + 1];
        for (int l = 1; l <= depth; l++) {
            int rows = architecture.size(l), cols = architecture.size(l - 1);
            weights[l] = device.view(theta, layout.weightOffset(l), rows, cols);
            weightGrads[l] = device.view(grad, layout.weightOffset(l), rows, cols);
            biases[l] = device.view(theta, layout.biasOffset(l), rows, 1);
            biasGrads[l] = device.view(grad, layout.biasOffset(l), rows, 1);
        }
        allWeights = device.view(theta, 0, (int) layout.weightCount(), 1);
        allWeightGrads = device.view(grad, 0, (int) layout.weightCount(), 1);
    }

    public Device device() {
        return device;
    }

    public Architecture architecture() {
        return architecture;
    }

    public ParameterLayout layout() {
        return layout;
    }

    public Regularization regularization() {
        return regularization;
    }

    /** The seed of the dropout masks. */
    public long dropoutSeed() {
        return dropoutSeed;
    }

    /** θ: every W block then every b block. */
    public Matrix theta() {
        return theta;
    }

    /** dθ, same layout as θ, filled by {@link #backward}. */
    public Matrix gradient() {
        return grad;
    }

    public Matrix weights(int layer) {
        return weights[layer];
    }

    public Matrix weightGradient(int layer) {
        return weightGrads[layer];
    }

    public Matrix biasGradient(int layer) {
        return biasGrads[layer];
    }

    /** Activations A[l] of the last forward pass (l = 0 is the input as used, after input dropout). */
    public Matrix activation(int layer) {
        return layer == 0 ? input : a[layer];
    }

    public void setParameters(double[] values) {
        device.upload(values, theta);
    }

    public double[] parameters() {
        return device.download(theta);
    }

    public double[] gradientValues() {
        return device.download(grad);
    }

    /** Sets θ from an initialization scheme. */
    public void initialize(Initialization init, double scale, long seed) {
        setParameters(init.initialTheta(architecture, scale, seed));
    }

    private void ensureWidth(int m) {
        if (m == width) {
            return;
        }
        int depth = architecture.depth();
        if (m > capacity) {
            allocatedThisPass = 0;
            Matrix[] zs = new Matrix[depth + 1], as = new Matrix[depth + 1], masks = new Matrix[depth + 1];
            int widest = 0;
            for (int l = 0; l <= depth; l++) {
                widest = Math.max(widest, architecture.size(l));
                if (l > 0) {
                    zs[l] = workspace(architecture.size(l), m);
                }
                if (l > 0 || regularization.keepProb(0) < 1) {
                    as[l] = workspace(architecture.size(l), m);
                }
                if (l < depth && regularization.keepProb(l) < 1) {
                    masks[l] = workspace(architecture.size(l), m);
                }
            }
            Matrix deltaA = workspace(widest, m), deltaB = workspace(widest, m);
            zStore = zs;
            aStore = as;
            maskStore = masks;
            deltaStoreA = deltaA;
            deltaStoreB = deltaB;
            capacity = m;
        }
        z = new Matrix[depth + 1];
        a = new Matrix[depth + 1];
        mask = new Matrix[depth + 1];
        for (int l = 0; l <= depth; l++) {
            int n = architecture.size(l);
            if (zStore[l] != null) z[l] = device.view(zStore[l], 0, n, m);
            if (aStore[l] != null) a[l] = device.view(aStore[l], 0, n, m);
            if (maskStore[l] != null) mask[l] = device.view(maskStore[l], 0, n, m);
        }
        deltas = new Matrix[2][depth + 1];
        for (int l = 1; l <= depth; l++) {
            deltas[0][l] = device.view(deltaStoreA, 0, architecture.size(l), m);
            deltas[1][l] = device.view(deltaStoreB, 0, architecture.size(l), m);
        }
        width = m;
    }

    /** Device elements one example (column) of a batch needs in the workspace (activations, masks, deltas). */
    public long workspaceElementsPerExample() {
        return workspaceRows();
    }

    /** Rows of all workspace matrices together: the elements one example (column) needs. */
    private long workspaceRows() {
        int depth = architecture.depth();
        long rows = 0;
        int widest = 0;
        for (int l = 0; l <= depth; l++) {
            int n = architecture.size(l);
            widest = Math.max(widest, n);
            if (l > 0) rows += 2L * n;
            if (l == 0 && regularization.keepProb(0) < 1) rows += n;
            if (l < depth && regularization.keepProb(l) < 1) rows += n;
        }
        return rows + 2L * widest;
    }

    /** One workspace allocation; out of device memory becomes one line with the batch size that fits. */
    private Matrix workspace(int rows, int m) {
        try {
            Matrix w = device.allocate(rows, m);
            allocatedThisPass += (long) rows * m;
            return w;
        } catch (DeviceOutOfMemoryException e) {
            long elementBytes = Math.max(1, Math.round((double) e.requestedBytes() / Math.max(1, (long) rows * m)));
            long perExample = workspaceRows() * elementBytes;
            long available = e.freeBytes() + allocatedThisPass * elementBytes;
            long fits = (long) (0.95 * available / perExample);
            throw new BadInputException(String.format("out of %s memory for a batch of %d examples: the activations need %.1f MiB,"
                    + " %.1f MiB are free; a batch of at most %d examples fits: use fewer examples or the CPU device (device cpu)",
                    device.kind().equals("cuda") ? "GPU" : "device", m, perExample * (double) m / 1048576.0,
                    available / 1048576.0, fits), e);
        }
    }

    /**
     * Forward pass over the columns of {@code x} (n_x, m). With {@code training}, dropout masks for
     * training step {@code step} are drawn and applied; otherwise no mask is used at all. Returns A[L].
     */
    public Matrix forward(Matrix x, boolean training, long step) {
        if (x.rows() != architecture.inputs()) {
            throw new IllegalArgumentException("input has " + x.rows() + " features, the network expects " + architecture.inputs());
        }
        ensureWidth(x.cols());
        int depth = architecture.depth();
        trainingForward = training;
        input = x;
        if (training && regularization.keepProb(0) < 1) {
            device.copy(x, a[0]);
            device.dropoutForward(a[0], mask[0], regularization.keepProb(0), dropoutSeed, DropoutStream.offset(0, step));
            input = a[0];
        }
        Matrix previous = input;
        for (int l = 1; l <= depth; l++) {
            device.gemm(false, false, 1.0, weights[l], previous, 0.0, z[l]);
            device.biasActivationForward(z[l], biases[l], a[l], architecture.activation(l));
            if (training && l < depth && regularization.keepProb(l) < 1) {
                device.dropoutForward(a[l], mask[l], regularization.keepProb(l), dropoutSeed, DropoutStream.offset(l, step));
            }
            previous = a[l];
        }
        return a[depth];
    }

    /** J of the last forward pass against targets Y, L2 term included. */
    public double cost(Matrix y) {
        return costParts(y).total();
    }

    /**
     * The two parts of J for the last forward pass, with m its number of columns: the cross-entropy
     * (1/m)·Σ L(ŷ, y) and the L2 term (λ/2m)·Σ_l ‖W[l]‖²_F (0 when λ = 0).
     */
    public Cost costParts(Matrix y) {
        int depth = architecture.depth();
        double m = width;
        double crossEntropy = device.crossEntropySum(z[depth], y, architecture.output()) / m;
        double l2 = regularization.lambda() > 0 ? regularization.lambda() / (2 * m) * device.sumOfSquares(allWeights) : 0.0;
        return new Cost(crossEntropy, l2);
    }

    /** J = crossEntropy + l2Term. */
    public record Cost(double crossEntropy, double l2Term) {
        public double total() {
            return crossEntropy + l2Term;
        }
    }

    /** Examples of the last forward pass whose prediction matches Y. */
    public long countCorrect(Matrix y) {
        return device.countCorrect(a[architecture.depth()], y, architecture.output());
    }

    /** Fills dθ from the last forward pass (which must have been a training pass when dropout is on). */
    public void backward(Matrix y) {
        int depth = architecture.depth();
        if (regularization.usesDropout() && !trainingForward) {
            throw new IllegalStateException("backward after a prediction-mode forward with dropout configured");
        }
        double m = width;
        int store = 0;
        Matrix dz = deltas[store][depth];
        device.outputGradient(a[depth], y, 1.0 / m, dz);
        for (int l = depth; l >= 1; l--) {
            Matrix previous = l == 1 ? input : a[l - 1];
            device.gemm(false, true, 1.0, dz, previous, 0.0, weightGrads[l]);
            device.rowSums(dz, 1.0, biasGrads[l]);
            if (l > 1) {
                store = 1 - store;
                Matrix da = deltas[store][l - 1];
                device.gemm(true, false, 1.0, weights[l], dz, 0.0, da);
                if (regularization.keepProb(l - 1) < 1) {
                    device.dropoutBackward(da, mask[l - 1], regularization.keepProb(l - 1));
                }
                device.activationBackward(da, z[l - 1], da, architecture.activation(l - 1));
                dz = da;
            }
        }
        if (regularization.lambda() > 0) {
            device.l2Gradient(allWeightGrads, allWeights, regularization.lambda() / m);
        }
    }

    @Override
    public void close() {
        // Buffers belong to the device and are released with it.
    }
}
