package io.densetrain.bench;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Device} that forwards every call to another one and adds its wall time to a category:
 * products (gemm), elementwise (forward activation, backward activation, output gradient, row sums,
 * dropout, L2), optimizer (the four updates), gather (batch gathering), evaluation (cross-entropy,
 * count-correct, sum of squares), transfer (upload, download, copy, fill). The split reported in
 * RESULTS.md (benchmarks/minibatch.sh: {@code MiniBatchRun --split}). Timing costs two
 * {@code nanoTime} calls (≈ 50 ns) per device call.
 */
final class TimedDevice implements Device {
    private final Device d;
    private final Map<String, long[]> nanos = new TreeMap<>();

    TimedDevice(Device d) {
        this.d = d;
    }

    private final Map<String, long[]> byMethod = new TreeMap<>();

    private void add(String category, String method, long start) {
        long[] m = byMethod.computeIfAbsent(method, k -> new long[2]);
        m[0] += System.nanoTime() - start;
        m[1]++;
        long[] slot = nanos.computeIfAbsent(category, k -> new long[2]);
        slot[0] += System.nanoTime() - start;
        slot[1]++;
    }

    /** Category → {nanoseconds, calls}. */
    Map<String, long[]> totals() {
        return nanos;
    }

    /** Method → {nanoseconds, calls}. */
    Map<String, long[]> byMethod() {
        return byMethod;
    }

    void reset() {
        nanos.clear();
        byMethod.clear();
    }

    @Override public String describe() { return d.describe(); }
    @Override public String kind() { return d.kind(); }
    @Override public double epsilon() { return d.epsilon(); }
    @Override public int elementBytes() { return d.elementBytes(); }
    @Override public long freeBytes() { return d.freeBytes(); }
    @Override public Matrix allocate(int rows, int cols) { return d.allocate(rows, cols); }
    @Override public Matrix allocateState(int rows, int cols) { return d.allocateState(rows, cols); }
    @Override public Matrix view(Matrix base, long offset, int rows, int cols) { return d.view(base, offset, rows, cols); }

    @Override public void upload(double[] src, Matrix dst) { long s = System.nanoTime(); d.upload(src, dst); add("transfer", "upload", s); }
    @Override public double[] download(Matrix src) { long s = System.nanoTime(); double[] r = d.download(src); add("transfer", "download", s); return r; }
    @Override public void copy(Matrix src, Matrix dst) { long s = System.nanoTime(); d.copy(src, dst); add("transfer", "copy", s); }
    @Override public void fill(Matrix m, double value) { long s = System.nanoTime(); d.fill(m, value); add("transfer", "fill", s); }
    @Override public void gatherColumns(Matrix src, int[] columns, Matrix dst) { long s = System.nanoTime(); d.gatherColumns(src, columns, dst); add("gather", "gatherColumns", s); }

    @Override public void gemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        long s = System.nanoTime(); d.gemm(ta, tb, alpha, a, b, beta, c); add("products", "gemm", s);
    }
    @Override public void biasActivationForward(Matrix z, Matrix bias, Matrix a, Activation g) {
        long s = System.nanoTime(); d.biasActivationForward(z, bias, a, g); add("elementwise", "biasActivationForward", s);
    }
    @Override public void activationBackward(Matrix dA, Matrix z, Matrix dZ, Activation g) {
        long s = System.nanoTime(); d.activationBackward(dA, z, dZ, g); add("elementwise", "activationBackward", s);
    }
    @Override public void dropoutForward(Matrix a, Matrix mask, double keepProb, long seed, long off) {
        long s = System.nanoTime(); d.dropoutForward(a, mask, keepProb, seed, off); add("elementwise", "dropoutForward", s);
    }
    @Override public void dropoutBackward(Matrix dA, Matrix mask, double keepProb) {
        long s = System.nanoTime(); d.dropoutBackward(dA, mask, keepProb); add("elementwise", "dropoutBackward", s);
    }
    @Override public void outputGradient(Matrix a, Matrix y, double scale, Matrix dZ) {
        long s = System.nanoTime(); d.outputGradient(a, y, scale, dZ); add("elementwise", "outputGradient", s);
    }
    @Override public void rowSums(Matrix dZ, double alpha, Matrix db) { long s = System.nanoTime(); d.rowSums(dZ, alpha, db); add("elementwise", "rowSums", s); }
    @Override public void l2Gradient(Matrix dW, Matrix w, double c) { long s = System.nanoTime(); d.l2Gradient(dW, w, c); add("elementwise", "l2Gradient", s); }

    @Override public double crossEntropySum(Matrix z, Matrix y, Activation output) {
        long s = System.nanoTime(); double r = d.crossEntropySum(z, y, output); add("evaluation", "crossEntropySum", s); return r;
    }
    @Override public long countCorrect(Matrix a, Matrix y, Activation output) {
        long s = System.nanoTime(); long r = d.countCorrect(a, y, output); add("evaluation", "countCorrect", s); return r;
    }
    @Override public double sumOfSquares(Matrix m) { long s = System.nanoTime(); double r = d.sumOfSquares(m); add("evaluation", "sumOfSquares", s); return r; }

    @Override public void sgdUpdate(Matrix theta, Matrix grad, double lr) { long s = System.nanoTime(); d.sgdUpdate(theta, grad, lr); add("optimizer", "sgdUpdate", s); }
    @Override public void momentumUpdate(Matrix theta, Matrix grad, Matrix v, double beta, double lr) {
        long s = System.nanoTime(); d.momentumUpdate(theta, grad, v, beta, lr); add("optimizer", "momentumUpdate", s);
    }
    @Override public void adamUpdate(Matrix theta, Matrix grad, Matrix m, Matrix v, double b1, double b2, double eps, double lr, long t) {
        long s = System.nanoTime(); d.adamUpdate(theta, grad, m, v, b1, b2, eps, lr, t); add("optimizer", "adamUpdate", s);
    }
    @Override public void rmspropUpdate(Matrix theta, Matrix grad, Matrix sq, double beta, double eps, double lr) {
        long s = System.nanoTime(); d.rmspropUpdate(theta, grad, sq, beta, eps, lr); add("optimizer", "rmspropUpdate", s);
    }
    @Override public void synchronize() { d.synchronize(); }
    @Override public void close() { d.close(); }
}
