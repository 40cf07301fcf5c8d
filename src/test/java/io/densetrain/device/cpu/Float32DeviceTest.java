package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.check.Parity;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.ParameterLayout;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.MiniBatchTrainer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The float32 CPU device against hand-computed values and against the float64 device: products,
 * a forward pass, the dropout masks bit for bit, the whole parity suite (every kernel, five networks,
 * θ after 1 and 100 steps) with the float32 tolerances the GPU is held to, and training runs.
 */
class Float32DeviceTest {

    private static Matrix put(Device d, int rows, int cols, double... v) {
        Matrix m = d.allocate(rows, cols);
        d.upload(v, m);
        return m;
    }

    /** A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]]: AB = [[58,64],[139,154]]. */
    @Test
    void sgemmMatchesAHandComputedProductOnBothPaths() {
        for (Float32Device d : new Float32Device[] {Float32Device.create(2), Float32Device.javaOnly()}) {
            Matrix a = put(d, 2, 3, 1, 4, 2, 5, 3, 6), b = put(d, 3, 2, 7, 9, 11, 8, 10, 12);
            Matrix c = put(d, 2, 2, 1, 1, 1, 1);
            d.gemm(false, false, 0.5, a, b, 2, c); // 0.5·AB + 2
            assertArrayEquals(new double[] {31, 71.5, 34, 79}, d.download(c), d.describe());
            Matrix t = d.allocate(2, 2);
            d.gemm(true, true, 1, b, a, 0, t); // BᵀAᵀ = (AB)ᵀ
            assertArrayEquals(new double[] {58, 64, 139, 154}, d.download(t), d.describe());
        }
    }

    /** Without JavaCPP on the class path the device still opens, on the Java product, and says why. */
    @Test
    void fallsBackToTheJavaProductWithoutJavaCpp() throws Exception {
        String javaBinary = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBinary, "-cp", "target/classes" + java.io.File.pathSeparator + "target/test-classes",
                Float32WithoutJavaCpp.class.getName()).redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertEquals(0, p.waitFor(), String.join("\n", lines));
        assertEquals("[7.0, 10.0, 15.0, 22.0]", lines[0]);
        assertTrue(lines[1].startsWith("OpenBLAS natives did not load (NoClassDefFoundError: "), lines[1]);
        assertEquals("cpu (float32, Java sgemm (OpenBLAS not loaded), 1 thread)", lines[2]);
    }

    @Test
    void storesFloat32AndSaysSo() {
        try (Float32Device d = Float32Device.create(1)) {
            Matrix m = put(d, 1, 1, 0.1);
            assertEquals((double) 0.1f, d.download(m)[0]); // 0.10000000149011612: rounded to float on upload
            assertEquals(4, d.elementBytes());
            assertEquals(Math.ulp(1.0f), d.epsilon());
            assertTrue(d.describe().startsWith("cpu (float32, "), d.describe());
            assertEquals("cpu", d.kind());
        }
    }

    /**
     * x = (1, 2), W1 = [[1,−1],[0.5,2]], b1 = (0.1, −0.2): Z1 = (−0.9, 4.3), A1 = relu = (0, 4.3);
     * W2 = [1, −1], b2 = 0.3: Z2 = −4.0, A2 = σ(−4) = 1/(1+e⁴) = 0.017986209962091559.
     */
    @Test
    void aHandComputedForwardPass() {
        try (Float32Device d = Float32Device.create(1)) {
            Matrix x = put(d, 2, 1, 1, 2), w1 = put(d, 2, 2, 1, 0.5, -1, 2), b1 = put(d, 2, 1, 0.1, -0.2);
            Matrix z1 = d.allocate(2, 1), a1 = d.allocate(2, 1);
            d.gemm(false, false, 1, w1, x, 0, z1);
            d.biasActivationForward(z1, b1, a1, Activation.RELU);
            double[] z = d.download(z1), a = d.download(a1);
            assertEquals(-0.9, z[0], 1e-7);
            assertEquals(4.3, z[1], 1e-6);
            assertEquals(0.0, a[0]);
            assertEquals(4.3, a[1], 1e-6);
            Matrix w2 = put(d, 1, 2, 1, -1), b2 = put(d, 1, 1, 0.3), z2 = d.allocate(1, 1), a2 = d.allocate(1, 1);
            d.gemm(false, false, 1, w2, a1, 0, z2);
            d.biasActivationForward(z2, b2, a2, Activation.SIGMOID);
            assertEquals(-4.0, d.download(z2)[0], 1e-6);
            assertEquals(0.017986209962091559, d.download(a2)[0], 2e-8);
        }
    }

    /** The same seed and stream offset keep the same elements on both CPU devices; kept values are A·(float)(1/keep). */
    @Test
    void dropoutMasksAreThoseOfTheFloat64DeviceBitForBit() {
        try (Device cpu = CpuDevice.create(2); Float32Device f32 = Float32Device.create(2)) {
            for (long offset : new long[] {0, 1, 3, 5, DropoutStream.offset(2, 77) + 3}) {
                for (int n : new int[] {1, 7, 1000, 70_001}) {
                    for (double keep : new double[] {0.5, 0.8, 0.86}) {
                        double[] ones = new double[n];
                        java.util.Arrays.fill(ones, 1.0);
                        Matrix a64 = put(cpu, n, 1, ones), m64 = cpu.allocate(n, 1);
                        Matrix a32 = put(f32, n, 1, ones), m32 = f32.allocate(n, 1);
                        cpu.dropoutForward(a64, m64, keep, 0xC0FFEEL, offset);
                        f32.dropoutForward(a32, m32, keep, 0xC0FFEEL, offset);
                        double[] mask = cpu.download(m64);
                        assertArrayEquals(mask, f32.download(m32), "offset " + offset + ", n " + n + ", keep " + keep);
                        double[] scaled = f32.download(a32);
                        float inv = (float) (1.0 / keep);
                        for (int i = 0; i < n; i++) assertEquals(mask[i] == 1 ? inv : 0f, (float) scaled[i]);
                        long kept = java.util.Arrays.stream(mask).filter(v -> v == 1).count();
                        if (n >= 1000) assertEquals(keep, kept / (double) n, 5 / Math.sqrt(n));
                    }
                }
            }
        }
    }

    private static String failures(Parity.Report r) {
        return r.comparisons().stream().filter(c -> !c.passed())
                .map(c -> c.group() + " / " + c.tensor() + ": " + c.error() + " > " + c.tolerance()).collect(Collectors.joining("\n"));
    }

    /** The GPU's parity suite, with the float32 CPU device as the candidate: the same tolerances, masks and counts exact. */
    @Test
    void passesTheParitySuiteAgainstTheFloat64Device() {
        try (Device cpu = CpuDevice.create(2); Device f32 = Float32Device.create(2)) {
            Parity.Report report = Parity.run(cpu, f32, Parity.Tolerances.float32());
            assertTrue(report.passed(), failures(report));
        }
    }

    @Test
    void theJavaProductPassesTheParitySuiteToo() {
        try (Device cpu = CpuDevice.create(1); Device f32 = Float32Device.javaOnly()) {
            Parity.Report report = Parity.run(cpu, f32, Parity.Tolerances.float32(), Parity.smallShapes());
            assertTrue(report.passed(), failures(report));
        }
    }

    /** Normwise relative error max|x − r| / max|r| over elements [from, from + n). */
    private static double error(double[] x, double[] r, long from, long n) {
        double diff = 0, norm = 0;
        for (int i = (int) from; i < from + n; i++) {
            diff = Math.max(diff, Math.abs(x[i] - r[i]));
            norm = Math.max(norm, Math.abs(r[i]));
        }
        return diff == 0 ? 0 : diff / norm;
    }

    private record Trained(double[] theta0, double[] grad, double[] theta1, TrainResult hundred, double accuracy) {
    }

    private static Trained train(Device d, TrainTest split, Architecture arch, double lr, double keep) {
        double[] keepProb = new double[arch.depth()];
        java.util.Arrays.fill(keepProb, 1.0);
        for (int l = 1; l < arch.depth(); l++) keepProb[l] = keep;
        try (Network net = new Network(d, arch, Regularization.of(0.1, keepProb, arch.depth()), 7)) {
            net.initialize(Initialization.HE, 1.0, 3);
            int m = split.train().size();
            Matrix x = put(d, arch.inputs(), m, split.train().features());
            Matrix y = put(d, arch.outputs(), m, split.train().targets(arch.outputs()));
            double[] theta0 = net.parameters();
            MiniBatchTrainer.fullBatch(net, x, y, new TrainConfig(lr, 1, 1)); // one step: dθ of θ0 stays in the gradient
            double[] grad = net.gradientValues(), theta1 = net.parameters();
            TrainResult r = MiniBatchTrainer.fullBatch(net, x, y, new TrainConfig(lr, 99, 99));
            return new Trained(theta0, grad, theta1, r, MiniBatchTrainer.accuracy(net, x, y));
        }
    }

    /**
     * Circles ([2,20,3,1], sigmoid) and a digits-shaped softmax problem ([64,32,16,10], 10 blobs in 64
     * dimensions), with L2 and dropout: after one step every gradient block and every step θ1 − θ0 is
     * within 1e-4 (normwise relative) of float64's; after 100 steps the cost is within 1e-3.
     */
    @Test
    void oneAndOneHundredStepsFollowTheFloat64Device() {
        Object[][] problems = {
                {Synthetic2D.generate(new Synthetic2D.Spec("circles", 400, 0, 0.05, 2, 2, 1)), new Architecture(2, 20, 3, 1), 0.5},
                {Synthetic2D.generate(new Synthetic2D.Spec("blobs", 2000, 0, 4, 10, 64, 1)), new Architecture(64, 32, 16, 10), 0.1}};
        for (Object[] p : problems) {
            TrainTest split = (TrainTest) p[0];
            Architecture arch = (Architecture) p[1];
            double lr = (double) p[2];
            Trained r64, r32;
            try (Device cpu = CpuDevice.create(2); Device f32 = Float32Device.create(2)) {
                r64 = train(cpu, split, arch, lr, 0.9);
                r32 = train(f32, split, arch, lr, 0.9);
            }
            ParameterLayout layout = new ParameterLayout(arch);
            double[] step64 = new double[r64.theta0.length], step32 = new double[r64.theta0.length];
            for (int i = 0; i < step64.length; i++) {
                step64[i] = r64.theta1[i] - r64.theta0[i];
                step32[i] = r32.theta1[i] - r32.theta0[i];
            }
            for (int b = 0; b < layout.blockCount(); b++) {
                long from = layout.blockOffset(b), n = layout.blockSize(b);
                String where = arch + " " + layout.blockName(b);
                assertTrue(error(r32.theta0, r64.theta0, from, n) <= 1e-7, where + " θ0");
                assertTrue(error(r32.grad, r64.grad, from, n) <= 1e-4, where + " dθ: " + error(r32.grad, r64.grad, from, n));
                assertTrue(error(step32, step64, from, n) <= 1e-4, where + " θ1 − θ0: " + error(step32, step64, from, n));
            }
            double c64 = r64.hundred.finalCost(), c32 = r32.hundred.finalCost();
            assertTrue(Math.abs(c32 - c64) <= 1e-3 * c64, arch + " cost after 100 steps " + c32 + " vs " + c64);
            assertTrue(c64 < r64.hundred.firstCost(), "the runs learn");
            assertEquals(r64.accuracy, r32.accuracy, 0.01, arch + " training accuracy");
        }
    }
}
