package io.densetrain.device;

/**
 * Everything a dense network needs from the hardware, on resident matrices. Hot-path methods take
 * {@link Matrix} handles of this device only; host data crosses only through {@link #upload} and
 * {@link #download}, and the scalar reductions ({@link #crossEntropySum}, {@link #countCorrect},
 * {@link #sumOfSquares}) which a trainer calls every k iterations. Shapes are given as
 * {@code (rows, cols)}; column-major throughout.
 *
 * <p>Every elementwise method names a kernel of the CUDA device and a loop of the CPU device that
 * compute the same formula, given in the method's comment.
 */
public interface Device extends AutoCloseable {

    /** A one-line description: kind, precision, library, threads. */
    String describe();

    /** "cpu" or "cuda". */
    String kind();

    /** Machine epsilon of the device's arithmetic (2⁻⁵² for float64, 2⁻²³ for float32). */
    double epsilon();

    /** Bytes one stored element takes (8 for float64, 4 for float32): the unit of memory estimates. */
    default int elementBytes() {
        return 8;
    }

    /**
     * Bytes that allocations can still take on this device now, for deciding whether a training set fits
     * beside the network's workspace before allocating it. {@link Long#MAX_VALUE} when the device has no
     * limit of its own (the CPU device allocates host memory, where the data already are).
     */
    default long freeBytes() {
        return Long.MAX_VALUE;
    }

    /** A new zero-filled {@code rows × cols} matrix. */
    Matrix allocate(int rows, int cols);

    /**
     * A new zero-filled matrix for optimizer state (Adam's m and v, momentum's v), which only the updates
     * and transfers touch, never {@link #gemm}: where the device's update loop reads it fastest (the CPU
     * device: the Java heap). By default the same as {@link #allocate}.
     */
    default Matrix allocateState(int rows, int cols) {
        return allocate(rows, cols);
    }

    /** A {@code rows × cols} view starting {@code offset} elements into {@code base}'s storage. */
    Matrix view(Matrix base, long offset, int rows, int cols);

    /** Copies column-major host data ({@code rows·cols} values) into {@code dst}. */
    void upload(double[] src, Matrix dst);

    /** Copies {@code src} to a new column-major host array. */
    double[] download(Matrix src);

    /** dst = src (same shape). */
    void copy(Matrix src, Matrix dst);

    /** dst[:, k] = src[:, columns[k]] (mini-batch gathering after a shuffle). */
    void gatherColumns(Matrix src, int[] columns, Matrix dst);

    /** m[:] = value. */
    void fill(Matrix m, double value);

    /** C = alpha·op(A)·op(B) + beta·C, op(X) = X or Xᵀ. */
    void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c);

    /**
     * Kernel {@code bias_activation_forward}: Z[i,j] += b[i]; A[i,j] = g(Z[i,j]), and for SOFTMAX
     * A[:,j] = exp(Z[:,j] − max) / Σ exp(Z[:,j] − max). Z (n, m), b (n, 1), A (n, m).
     */
    void biasActivationForward(Matrix z, Matrix bias, Matrix a, Activation g);

    /**
     * Kernel {@code activation_backward}: dZ = dA ∘ g'(Z) (RELU: Z > 0; TANH: 1 − tanh²(Z); LINEAR: 1),
     * from Z because A may already be scaled by dropout. dZ may be dA.
     */
    void activationBackward(Matrix dA, Matrix z, Matrix dZ, Activation g);

    /**
     * Kernel {@code dropout_forward}: D[i] = u(seed, streamOffset + i) &lt; (float) keepProb (see
     * {@link DropoutStream}); A[i] = A[i]·D[i]/keepProb; mask keeps D (0 or 1).
     */
    void dropoutForward(Matrix a, Matrix mask, double keepProb, long seed, long streamOffset);

    /** Kernel {@code dropout_backward}: dA[i] = dA[i]·D[i]/keepProb. */
    void dropoutBackward(Matrix dA, Matrix mask, double keepProb);

    /** Kernel {@code output_gradient}: dZ = (A − Y)·scale (sigmoid and softmax with cross-entropy). */
    void outputGradient(Matrix a, Matrix y, double scale, Matrix dZ);

    /**
     * Kernel {@code cross_entropy}: Σ over examples of the loss, from the logits Z:
     * SIGMOID: max(z,0) − z·y + log(1 + e^(−|z|)); SOFTMAX: logΣexp(z) − Σ_k y_k z_k.
     */
    double crossEntropySum(Matrix z, Matrix y, Activation output);

    /** Kernel {@code count_correct}: examples whose prediction (a > 0.5, or argmax) matches Y. */
    long countCorrect(Matrix a, Matrix y, Activation output);

    /** Kernel {@code row_sums}: db[i] = alpha·Σ_j dZ[i,j]. */
    void rowSums(Matrix dZ, double alpha, Matrix db);

    /** Kernel {@code l2_gradient}: dW += c·W (c = λ/m). */
    void l2Gradient(Matrix dW, Matrix w, double c);

    /** Kernel {@code sum_squares}: Σ m[i]². */
    double sumOfSquares(Matrix m);

    /** Kernel {@code sgd_update}: θ −= lr·dθ. */
    void sgdUpdate(Matrix theta, Matrix grad, double lr);

    /** Kernel {@code momentum_update}: v = β·v + (1−β)·dθ; θ −= lr·v. */
    void momentumUpdate(Matrix theta, Matrix grad, Matrix velocity, double beta, double lr);

    /**
     * Kernel {@code adam_update}: m = β1·m + (1−β1)·dθ; v = β2·v + (1−β2)·dθ²;
     * θ −= lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε). The float64 CPU device multiplies by the two reciprocals,
     * computed once per update, instead of dividing per element (within an ulp of the quotients).
     */
    void adamUpdate(Matrix theta, Matrix grad, Matrix m, Matrix v, double beta1, double beta2,
                    double eps, double lr, long t);

    /** Kernel {@code rmsprop_update}: s = β·s + (1−β)·dθ²; θ −= lr·dθ / (√s + ε). */
    void rmspropUpdate(Matrix theta, Matrix grad, Matrix s, double beta, double eps, double lr);

    /** Waits for queued work (no-op on the CPU). */
    void synchronize();

    /** Frees everything this device allocated. */
    @Override
    void close();
}
