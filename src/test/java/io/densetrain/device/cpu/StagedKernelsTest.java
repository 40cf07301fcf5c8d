package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.densetrain.device.Activation;
import io.densetrain.device.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vectorizable kernels against the scalar formulas they replaced, bit for bit: the staged optimizer
 * updates (UpdateKernels) over lengths that are not a multiple of the block and on views that start
 * inside a buffer, and the branch-free ReLU forward (max) and backward (bit mask) at the edge values
 * −0.0, +0.0, the smallest subnormal and ±∞.
 */
class StagedKernelsTest {
    private final Random random = new Random(5);

    private double[] gaussians(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = scale * random.nextGaussian();
        return v;
    }

    private static Matrix upload(CpuDevice device, double[] values) {
        Matrix base = device.allocate(values.length + 3, 1), view = device.view(base, 3, values.length, 1);
        device.upload(values, view);
        return view;
    }

    /** State on the Java heap (allocateState), as the optimizer holds it, in a view that starts inside the array. */
    private static Matrix uploadHost(CpuDevice device, double[] values) {
        Matrix base = device.allocateState(values.length + 5, 1), view = device.view(base, 5, values.length, 1);
        device.upload(values, view);
        return view;
    }

    @Test
    void stagedUpdatesEqualTheScalarFormulasBitForBit() {
        int n = 3 * UpdateKernels.BLOCK + 77;
        double[] theta = gaussians(n, 1), grad = gaussians(n, 0.1), m0 = gaussians(n, 0.01), v0 = new double[n];
        for (int i = 0; i < n; i++) v0[i] = Math.abs(grad[i]) * 0.02;
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.001;
        long t = 7;
        double r1 = 1 / (1 - Math.pow(b1, t)), r2 = 1 / (1 - Math.pow(b2, t));
        double[] tA = theta.clone(), mA = m0.clone(), vA = v0.clone(), tM = theta.clone(), vM = m0.clone();
        double[] tR = theta.clone(), sR = v0.clone();
        for (int i = 0; i < n; i++) {
            double g = grad[i];
            mA[i] = b1 * mA[i] + (1 - b1) * g;
            vA[i] = b2 * vA[i] + (1 - b2) * g * g;
            tA[i] = tA[i] - lr * (mA[i] * r1) / (Math.sqrt(vA[i] * r2) + eps);
            vM[i] = b1 * vM[i] + (1 - b1) * g;
            tM[i] = tM[i] - 0.1 * vM[i];
            sR[i] = b2 * sR[i] + (1 - b2) * g * g;
            tR[i] = tR[i] - lr * g / (Math.sqrt(sR[i]) + eps);
        }
        for (int run = 0; run < 4; run++) {
            int threads = 1 + run % 2;
            boolean host = run >= 2; // the state on the heap: updated in place, θ and dθ staged
            CpuDevice device = CpuDevice.create(threads);
            java.util.function.BiFunction<CpuDevice, double[], Matrix> state = host ? StagedKernelsTest::uploadHost
                    : StagedKernelsTest::upload;
            Matrix th = upload(device, theta), g = upload(device, grad), m = state.apply(device, m0), v = state.apply(device, v0);
            device.adamUpdate(th, g, m, v, b1, b2, eps, lr, t);
            assertArrayEquals(tA, device.download(th));
            assertArrayEquals(mA, device.download(m));
            assertArrayEquals(vA, device.download(v));
            Matrix thM = upload(device, theta), vel = state.apply(device, m0);
            device.momentumUpdate(thM, g, vel, b1, 0.1);
            assertArrayEquals(tM, device.download(thM));
            assertArrayEquals(vM, device.download(vel));
            Matrix thR = upload(device, theta), s = state.apply(device, v0);
            device.rmspropUpdate(thR, g, s, b2, eps, lr);
            assertArrayEquals(tR, device.download(thR));
            assertArrayEquals(sR, device.download(s));
        }
    }

    @Test
    void heapPathReluStepGivesTheDeviceSelectForFiniteGradients() {
        double[] z = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -2.5, 2.5};
        double[] dA = {1.5, -1.5, -3.0, -0.0, 4.0, -5.0, 6.0, -7.0, Double.MAX_VALUE, 8.0, -Double.MIN_VALUE};
        for (int i = 0; i < z.length; i++) {
            double a = Math.max(z[i], 0.0), step = SmallNetwork.reluStep(a);
            assertEquals(a > 0 ? 1.0 : 0.0, step, "z = " + z[i]);
            assertEquals(Double.doubleToRawLongBits(CpuDevice.reluSelect(z[i], dA[i])),
                    Double.doubleToRawLongBits(dA[i] * step + 0.0), "z = " + z[i] + ", dA = " + dA[i]);
        }
    }

    @Test
    void hostMatricesAreRefusedAsProductOperands() {
        CpuDevice device = CpuDevice.create(1);
        Matrix host = device.allocateState(2, 2), a = device.allocate(2, 2), c = device.allocate(2, 2);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> device.gemm(false, false, 1, host, a, 0, c));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> device.sgdUpdate(host, a, 0.1));
    }

    @Test
    void branchFreeReluMatchesTheConditionalAtEdgeValues() {
        double[] z = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            2.5, -2.5, 1e-300, -1e300};
        double[] dA = {1.5, -1.5, -3.0, 4.0, 5.0, -6.0, -7.0, 8.0, 9.0, -10.0};
        for (int i = 0; i < z.length; i++) {
            double expected = z[i] > 0 ? dA[i] : 0.0;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(CpuDevice.reluSelect(z[i], dA[i])),
                    "z = " + z[i]);
        }
        CpuDevice device = CpuDevice.create(1);
        int rows = z.length;
        Matrix zm = device.allocate(rows, 1), bias = device.allocate(rows, 1), a = device.allocate(rows, 1);
        device.upload(z, zm);
        device.biasActivationForward(zm, bias, a, Activation.RELU); // bias 0: −0.0 + 0.0 = +0.0
        double[] got = device.download(a);
        for (int i = 0; i < rows; i++) {
            double zi = z[i] + 0.0, expected = zi > 0 ? zi : 0.0;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got[i]), "z = " + z[i]);
        }
        Matrix da = device.allocate(rows, 1);
        device.upload(dA, da);
        device.activationBackward(da, zm, da, Activation.RELU);
        double[] back = device.download(da), zAfter = device.download(zm);
        for (int i = 0; i < rows; i++) {
            double expected = zAfter[i] > 0 ? dA[i] : 0.0;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(back[i]), "z = " + zAfter[i]);
        }
    }
}
