package io.densetrain.check;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.ParameterLayout;
import io.densetrain.nn.Regularization;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs the same computation on a reference device (the float64 CPU) and a candidate (the float32 GPU)
 * and compares tensor by tensor, the method of llm.c's {@code test_gpt2.cu}:
 * <ul>
 *   <li><b>kernels</b>: every {@link Device} method on the same random inputs (each CUDA kernel
 *       against its CPU twin), and the dropout mask, which must be identical bit for bit;</li>
 *   <li><b>network</b>: for each case (plain; L2; dropout; L2 + dropout; sigmoid and softmax outputs),
 *       the same architecture, initial θ and seed: activations A[l] and the cost of the first training
 *       forward pass, every gradient block (dW1, db1, …), and θ after 1 and after 100 SGD steps.</li>
 * </ul>
 * The error of a tensor is its <em>normwise relative error</em>
 * {@code max_i |x_i − r_i| / max(max_i |r_i|, 1e-30)} (for a scalar, {@code |x − r| / max(|r|, 1e-30)}),
 * compared with a tolerance per kind of tensor ({@link Tolerances}); the mask is compared exactly.
 */
public final class Parity {
    /** One compared tensor. */
    public record Comparison(String group, String tensor, double error, double tolerance) {
        public boolean passed() {
            return error <= tolerance;
        }
    }

    /** All comparisons, in the order they were made. */
    public record Report(List<Comparison> comparisons) {
        public boolean passed() {
            return comparisons.stream().allMatch(Comparison::passed);
        }

        public Comparison worst() {
            return comparisons.stream().max((a, b) -> Double.compare(a.error / a.tolerance, b.error / b.tolerance)).orElse(null);
        }
    }

    /**
     * Tolerances of the normwise relative error for float32 against float64. Derived from float32's
     * ε = 2⁻²³ ≈ 1.2e-7: an elementwise kernel is within a few ε; a product over k terms or a sum over m
     * examples within ~√k·ε to k·ε; a gradient divides by m and sums; 100 steps accumulate. With TF32
     * (10-bit mantissa, ε ≈ 4.9e-4) products are ~4000× coarser.
     */
    public record Tolerances(double elementwise, double reduction, double activations, double cost, double gradients,
                             double thetaAfter1, double thetaAfter100) {
        public static Tolerances float32() {
            return new Tolerances(1e-6, 1e-5, 1e-5, 1e-5, 1e-4, 1e-6, 1e-4);
        }

        public static Tolerances tf32() {
            return new Tolerances(1e-6, 1e-5, 5e-3, 5e-3, 2e-2, 1e-4, 2e-2);
        }
    }

    /** A network case: output classes (1 = sigmoid), λ, keep_prob per layer (input first). */
    public record Case(String name, int outputs, double lambda, double[] keepProb) {
    }

    /** The cases of the suite. */
    public static List<Case> cases() {
        return List.of(
                new Case("sigmoid", 1, 0, new double[] {1, 1, 1}),
                new Case("sigmoid+l2", 1, 0.7, new double[] {1, 1, 1}),
                new Case("sigmoid+dropout", 1, 0, new double[] {0.9, 0.8, 0.7}),
                new Case("softmax+l2+dropout", 5, 0.3, new double[] {1, 0.8, 0.85}),
                new Case("softmax", 5, 0, new double[] {1, 1, 1}));
    }

    private Parity() {
    }

    /**
     * A shape of the kernel checks: {@code rows × cols} inputs. {@code columnsOnly} runs only the
     * kernels that loop over columns (softmax, per-column reductions, row sums over the columns), for
     * shapes too wide to run everything on.
     */
    public record Shape(int rows, int cols, boolean columnsOnly) {
        String suffix(boolean first) {
            return first ? "" : " @" + rows + "x" + cols;
        }
    }

    /**
     * The kernel shapes: awkward sizes (37×301), then sizes past one launch's threads (256 × 8192 =
     * 2,097,152) so that every grid-stride loop runs more than once: 8193×257 (2,105,601 elements; row
     * sums over more rows than blocks) and 2×2,097,200 (more columns than threads, for the per-column
     * kernels).
     */
    public static List<Shape> shapes() {
        return List.of(new Shape(37, 301, false), new Shape(8193, 257, false), new Shape(2, 2_097_200, true));
    }

    /** The small shape only, for emulators too slow for the large ones. */
    public static List<Shape> smallShapes() {
        return List.of(shapes().get(0));
    }

    /** Kernel checks on every shape of {@link #shapes()} and every network case. */
    public static Report run(Device reference, Device candidate, Tolerances tol) {
        return run(reference, candidate, tol, shapes());
    }

    /** Kernel checks on {@code shapes} and every network case. */
    public static Report run(Device reference, Device candidate, Tolerances tol, List<Shape> shapes) {
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            out.addAll(kernels(reference, candidate, tol, shapes.get(i), i == 0));
        }
        for (Case c : cases()) {
            out.addAll(network(reference, candidate, c, tol, 100));
        }
        return new Report(out);
    }

    // ---------------------------------------------------------------- helpers

    private static double[] random(Random r, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = scale * r.nextGaussian();
        return x;
    }

    /** Normwise relative error max|x − r| / max|r|. */
    static double error(double[] x, double[] ref) {
        if (x.length != ref.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0, norm = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - ref[i]);
            if (!(d <= diff)) diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            norm = Math.max(norm, Math.abs(ref[i]));
        }
        return diff / Math.max(norm, 1e-30);
    }

    static double error(double x, double ref) {
        double d = Math.abs(x - ref);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d / Math.max(Math.abs(ref), 1e-30);
    }

    private static Matrix put(Device d, int rows, int cols, double[] values) {
        Matrix m = d.allocate(rows, cols);
        d.upload(values, m);
        return m;
    }

    /**
     * Runs {@code op} on both devices, each on its own copies of {@code inputs} ((rows, cols, values)
     * triples), and compares {@code result(matrices)} on the two.
     */
    private static void compare(List<Comparison> out, String tensor, double tolerance, Device ref, Device cand,
                                List<Object[]> inputs, BiConsumer<Device, Matrix[]> op, Function<Matrix[], Matrix> result) {
        double[] r = run(ref, inputs, op, result);
        double[] c = run(cand, inputs, op, result);
        out.add(new Comparison("kernels", tensor, error(c, r), tolerance));
    }

    private static double[] run(Device d, List<Object[]> inputs, BiConsumer<Device, Matrix[]> op, Function<Matrix[], Matrix> result) {
        Matrix[] ms = new Matrix[inputs.size()];
        for (int i = 0; i < ms.length; i++) {
            Object[] in = inputs.get(i);
            ms[i] = put(d, (int) in[0], (int) in[1], (double[]) in[2]);
        }
        op.accept(d, ms);
        return d.download(result.apply(ms));
    }

    private static Object[] in(int rows, int cols, double[] values) {
        return new Object[] {rows, cols, values};
    }

    // ---------------------------------------------------------------- kernels

    /** Every Device method, CUDA kernel against CPU twin, on random inputs of the first shape. */
    public static List<Comparison> kernels(Device ref, Device cand, Tolerances tol) {
        return kernels(ref, cand, tol, shapes().get(0), true);
    }

    /**
     * Every Device method (or, for a {@code columnsOnly} shape, those that loop over columns) on random
     * inputs of {@code shape}; tensor names carry the shape unless {@code first}.
     */
    public static List<Comparison> kernels(Device ref, Device cand, Tolerances tol, Shape shape, boolean first) {
        String sfx = shape.suffix(first);
        List<Comparison> out = new ArrayList<>();
        kernelChecks(out, ref, cand, tol, shape);
        return first ? out : out.stream().map(c -> new Comparison(c.group(), c.tensor() + sfx, c.error(), c.tolerance())).toList();
    }

    private static void kernelChecks(List<Comparison> out, Device ref, Device cand, Tolerances tol, Shape shape) {
        Random r = new Random(42);
        int rows = shape.rows(), cols = shape.cols(), n = rows * cols;
        boolean all = !shape.columnsOnly();
        double[] z = random(r, n, 2), b = random(r, rows, 1), y = new double[n], u = random(r, n, 1), w = random(r, n, 1);
        for (int i = 0; i < n; i++) y[i] = r.nextBoolean() ? 1 : 0;
        if (all) {
            for (Activation g : Activation.values()) {
                if (g == Activation.SOFTMAX) continue;
                compare(out, "bias_activation_forward " + g.label(), tol.elementwise(), ref, cand,
                        List.of(in(rows, cols, z), in(rows, 1, b), in(rows, cols, new double[n])),
                        (d, m) -> d.biasActivationForward(m[0], m[1], m[2], g), m -> m[2]);
            }
        }
        compare(out, "bias_softmax_forward", tol.reduction(), ref, cand,
                List.of(in(rows, cols, z), in(rows, 1, b), in(rows, cols, new double[n])),
                (d, m) -> d.biasActivationForward(m[0], m[1], m[2], Activation.SOFTMAX), m -> m[2]);
        if (all) {
            for (Activation g : new Activation[] {Activation.RELU, Activation.TANH, Activation.LINEAR}) {
                compare(out, "activation_backward " + g.label(), tol.elementwise(), ref, cand,
                        List.of(in(rows, cols, u), in(rows, cols, z), in(rows, cols, new double[n])),
                        (d, m) -> d.activationBackward(m[0], m[1], m[2], g), m -> m[2]);
            }
            compare(out, "output_gradient", tol.elementwise(), ref, cand,
                    List.of(in(rows, cols, u), in(rows, cols, y), in(rows, cols, new double[n])),
                    (d, m) -> d.outputGradient(m[0], m[1], 1.0 / cols, m[2]), m -> m[2]);
            // The mask must be identical: compared exactly (tolerance 0), on an offset that is not a multiple of 4
            // (cuRAND's Philox returns four values per counter; the kernels' uniforms start mid-counter).
            long offset = DropoutStream.offset(2, 12345) + 3;
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            compare(out, "dropout_forward mask (exact)", 0.0, ref, cand, List.of(in(rows, cols, ones), in(rows, cols, new double[n])),
                    (d, m) -> d.dropoutForward(m[0], m[1], 0.8, 0x1234567890ABCDEFL, offset), m -> m[1]);
            compare(out, "dropout_forward", tol.elementwise(), ref, cand, List.of(in(rows, cols, u), in(rows, cols, new double[n])),
                    (d, m) -> d.dropoutForward(m[0], m[1], 0.7, 7, DropoutStream.offset(1, 3) + 1), m -> m[0]);
            compare(out, "dropout_backward", tol.elementwise(), ref, cand,
                    List.of(in(rows, cols, u), in(rows, cols, ones), in(rows, cols, new double[n])),
                    (d, m) -> {
                        d.dropoutForward(m[1], m[2], 0.7, 7, DropoutStream.offset(1, 3) + 1);
                        d.dropoutBackward(m[0], m[2], 0.7);
                    }, m -> m[0]);
            compare(out, "l2_gradient", tol.elementwise(), ref, cand, List.of(in(n, 1, u), in(n, 1, w)),
                    (d, m) -> d.l2Gradient(m[0], m[1], 0.7 / 300), m -> m[0]);
        }
        compare(out, "row_sums", tol.reduction(), ref, cand, List.of(in(rows, cols, u), in(rows, 1, new double[rows])),
                (d, m) -> d.rowSums(m[0], 1.0 / cols, m[1]), m -> m[1]);
        if (all) {
            compare(out, "sgd_update", tol.elementwise(), ref, cand, List.of(in(n, 1, w), in(n, 1, u)),
                    (d, m) -> d.sgdUpdate(m[0], m[1], 0.05), m -> m[0]);
            compare(out, "momentum_update", tol.elementwise(), ref, cand, List.of(in(n, 1, w), in(n, 1, u), in(n, 1, z)),
                    (d, m) -> d.momentumUpdate(m[0], m[1], m[2], 0.9, 0.05), m -> m[0]);
            compare(out, "adam_update", tol.elementwise() * 10, ref, cand,
                    List.of(in(n, 1, w), in(n, 1, u), in(n, 1, z), in(n, 1, abs(z))),
                    (d, m) -> d.adamUpdate(m[0], m[1], m[2], m[3], 0.9, 0.999, 1e-8, 0.01, 3), m -> m[0]);
            compare(out, "rmsprop_update", tol.elementwise() * 10, ref, cand, List.of(in(n, 1, w), in(n, 1, u), in(n, 1, abs(z))),
                    (d, m) -> d.rmspropUpdate(m[0], m[1], m[2], 0.9, 1e-8, 0.01), m -> m[0]);
        }
        int[] columns = new int[50];
        for (int k = 0; k < columns.length; k++) columns[k] = r.nextInt(cols);
        compare(out, "gather_columns", 0.0, ref, cand, List.of(in(rows, cols, floats(z)), in(rows, columns.length, new double[rows * 50])),
                (d, m) -> d.gatherColumns(m[0], columns, m[1]), m -> m[1]);
        if (all) {
            compare(out, "fill + copy", 0.0, ref, cand, List.of(in(rows, cols, z), in(rows, cols, new double[n])),
                    (d, m) -> {
                        d.fill(m[1], 0.25);
                        d.copy(m[1], m[0]);
                    }, m -> m[0]);
            int k = 129;
            double[] a = random(r, rows * k, 1), bk = random(r, k * cols, 1), at = random(r, k * rows, 1), bt = random(r, cols * k, 1);
            compare(out, "gemm NN", tol.activations(), ref, cand, List.of(in(rows, k, a), in(k, cols, bk), in(rows, cols, z)),
                    (d, m) -> d.gemm(false, false, 1.0, m[0], m[1], 0.0, m[2]), m -> m[2]);
            compare(out, "gemm NT", tol.activations(), ref, cand, List.of(in(rows, k, a), in(cols, k, bt), in(rows, cols, z)),
                    (d, m) -> d.gemm(false, true, 0.5, m[0], m[1], 1.0, m[2]), m -> m[2]);
            compare(out, "gemm TN", tol.activations(), ref, cand, List.of(in(k, rows, at), in(k, cols, bk), in(rows, cols, z)),
                    (d, m) -> d.gemm(true, false, 1.0, m[0], m[1], 0.0, m[2]), m -> m[2]);
        }
        // Scalar reductions.
        double[] y1 = new double[cols];
        for (int j = 0; j < cols; j++) y1[j] = r.nextBoolean() ? 1 : 0;
        double[] z1 = random(r, cols, 3);
        out.add(scalar("cross_entropy sigmoid", tol.reduction(), ref, cand, d -> d.crossEntropySum(put(d, 1, cols, z1), put(d, 1, cols, y1),
                Activation.SIGMOID)));
        double[] yk = new double[n];
        for (int j = 0; j < cols; j++) yk[j * rows + r.nextInt(rows)] = 1;
        out.add(scalar("cross_entropy softmax", tol.reduction(), ref, cand, d -> d.crossEntropySum(put(d, rows, cols, z), put(d, rows, cols, yk),
                Activation.SOFTMAX)));
        double[] a1 = new double[cols];
        for (int j = 0; j < cols; j++) a1[j] = r.nextDouble();
        out.add(scalar("count_correct sigmoid", 0.0, ref, cand, d -> d.countCorrect(put(d, 1, cols, a1), put(d, 1, cols, y1),
                Activation.SIGMOID)));
        out.add(scalar("count_correct softmax", 0.0, ref, cand, d -> d.countCorrect(put(d, rows, cols, z), put(d, rows, cols, yk),
                Activation.SOFTMAX)));
        out.add(scalar("sum_squares", tol.reduction(), ref, cand, d -> d.sumOfSquares(put(d, n, 1, z))));
    }

    private static double[] abs(double[] x) {
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) o[i] = Math.abs(x[i]);
        return o;
    }

    /** Values exactly representable in float32, for comparisons that must be exact. */
    private static double[] floats(double[] x) {
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) o[i] = (float) x[i];
        return o;
    }

    private static Comparison scalar(String name, double tolerance, Device ref, Device cand, Function<Device, Number> f) {
        return new Comparison("kernels", name, error(f.apply(cand).doubleValue(), f.apply(ref).doubleValue()), tolerance);
    }

    // ---------------------------------------------------------------- network

    /** The network comparison of one case, with {@code steps} SGD steps (θ compared after 1 and after all). */
    public static List<Comparison> network(Device ref, Device cand, Case c, Tolerances tol, int steps) {
        Architecture arch = new Architecture(new int[] {12, 32, 16, c.outputs()}, Activation.RELU);
        Regularization reg = Regularization.of(c.lambda(), c.keepProb(), arch.depth());
        ParameterLayout layout = new ParameterLayout(arch);
        int m = 256;
        Random r = new Random(7);
        double[] x = random(r, arch.inputs() * m, 1);
        double[] y = new double[arch.outputs() * m];
        for (int j = 0; j < m; j++) {
            int label = r.nextInt(arch.classes());
            if (arch.outputs() == 1) y[j] = label;
            else y[j * arch.outputs() + label] = 1;
        }
        double[] theta0 = Initialization.HE.initialTheta(arch, 1.0, 3);
        State rs = new State(ref, arch, reg, x, y, theta0, m);
        State cs = new State(cand, arch, reg, x, y, theta0, m);
        List<Comparison> out = new ArrayList<>();
        String g = "network " + c.name();
        rs.net.forward(rs.x, true, 0);
        cs.net.forward(cs.x, true, 0);
        for (int l = 0; l <= arch.depth(); l++) {
            if (l == 0 && reg.keepProb(0) == 1) continue;
            out.add(new Comparison(g, "A" + l, error(cand.download(cs.net.activation(l)), ref.download(rs.net.activation(l))),
                    l == 0 ? tol.elementwise() : tol.activations()));
        }
        out.add(new Comparison(g, "cost J", error(cs.net.cost(cs.y), rs.net.cost(rs.y)), tol.cost()));
        rs.net.backward(rs.y);
        cs.net.backward(cs.y);
        double[] gr = rs.net.gradientValues(), gc = cs.net.gradientValues();
        for (int block = 0; block < layout.blockCount(); block++) {
            int from = (int) layout.blockOffset(block), to = from + (int) layout.blockSize(block);
            out.add(new Comparison(g, "d" + layout.blockName(block), error(java.util.Arrays.copyOfRange(gc, from, to),
                    java.util.Arrays.copyOfRange(gr, from, to)), tol.gradients()));
        }
        double lr = 0.05;
        ref.sgdUpdate(rs.net.theta(), rs.net.gradient(), lr);
        cand.sgdUpdate(cs.net.theta(), cs.net.gradient(), lr);
        out.add(new Comparison(g, "θ after 1 step", error(cs.net.parameters(), rs.net.parameters()), tol.thetaAfter1()));
        for (int step = 1; step < steps; step++) {
            rs.step(step, lr);
            cs.step(step, lr);
        }
        out.add(new Comparison(g, "θ after " + steps + " steps", error(cs.net.parameters(), rs.net.parameters()), tol.thetaAfter100()));
        return out;
    }

    private static final class State {
        final Network net;
        final Matrix x, y;

        State(Device d, Architecture arch, Regularization reg, double[] x, double[] y, double[] theta0, int m) {
            net = new Network(d, arch, reg, 11);
            net.setParameters(theta0);
            this.x = put(d, arch.inputs(), m, x);
            this.y = put(d, arch.outputs(), m, y);
        }

        void step(long step, double lr) {
            net.forward(x, true, step);
            net.backward(y);
            net.device().sgdUpdate(net.theta(), net.gradient(), lr);
        }
    }
}
