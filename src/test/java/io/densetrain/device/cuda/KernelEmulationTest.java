package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.check.Parity;
import io.densetrain.device.Device;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every CUDA kernel, compiled for the host with g++ from the same {@code kernels/*.cu} sources and
 * launched through the CUDA device's own launch code ({@link Launches}), against its CPU twin: the
 * full parity suite in float32 arithmetic, with both dropout sources, and the in-kernel Philox mask bit
 * for bit at unaligned offsets. This checks the kernels' formulas, indexing, grid-stride loops and
 * arguments without a GPU; what it cannot check (the GPU's own arithmetic, cuBLAS, the driver) is
 * left to {@code CudaParityTest}. Skipped where g++ is absent.
 */
class KernelEmulationTest {
    static Path driver;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        driver = HostKernelDevice.driverBinary();
    }

    private static String failures(Parity.Report r) {
        return r.comparisons().stream().filter(c -> !c.passed())
                .map(c -> c.group() + " / " + c.tensor() + ": " + c.error() + " > " + c.tolerance()).collect(Collectors.joining("\n"));
    }

    private static void parity(boolean curand) {
        assumeTrue(driver != null, "g++ not found: the kernels cannot be compiled for the host");
        try (Device cpu = CpuDevice.create(1); HostKernelDevice kernels = new HostKernelDevice(driver, curand)) {
            // the large shapes (2M+ elements) would take minutes through the text protocol and the coroutines
            Parity.Report report = Parity.run(cpu, kernels, Parity.Tolerances.float32(), Parity.smallShapes());
            assertTrue(report.passed(), failures(report));
            for (Kernel k : Kernel.values()) {
                if (curand ? k != Kernel.DROPOUT_FORWARD : k != Kernel.DROPOUT_APPLY) {
                    assertTrue(kernels.launched.contains(k.entry), k.entry + " was never launched");
                }
            }
        }
    }

    @Test
    void everyKernelMatchesItsCpuTwinWithTheInKernelPhilox() {
        parity(false);
    }

    @Test
    void everyKernelMatchesItsCpuTwinWithCurandUniforms() {
        parity(true);
    }

    /**
     * block_sum runs as on the GPU: 256 threads per block, each with its own grid-stride partial, summed
     * by the shared-memory tree (stride 128, 64, …, 1). The partials of sum_squares_partial must equal,
     * bit for bit, that tree computed here, and differ from a one-thread sequential sum (the former
     * emulation), which these magnitudes make order-dependent.
     */
    @Test
    void blockReductionsRunAll256ThreadsThroughTheSharedMemoryTree() throws Exception {
        assumeTrue(driver != null, "g++ not found");
        int grid = 3, block = Kernel.BLOCK, n = grid * block * 2 + 77; // every thread's grid-stride loop runs 2 or 3 times
        Random r = new Random(5);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
        StringBuilder req = new StringBuilder("sum_squares_partial " + grid + " " + block + " 3\nf " + n);
        for (float v : x) req.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
        req.append("\nl ").append(n).append("\nd ").append(grid);
        for (int b = 0; b < grid; b++) req.append(" 0");
        req.append('\n');
        Process p = new ProcessBuilder(driver.toString()).start();
        p.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n");
        assertEquals(0, p.waitFor());
        assertEquals("ok", lines[2].trim());
        String[] partials = lines[1].trim().split(" ");
        boolean differsFromSequential = false;
        for (int b = 0; b < grid; b++) {
            double[] shared = new double[block];
            double sequential = 0;
            for (int t = 0; t < block; t++) {
                for (long i = (long) b * block + t; i < n; i += (long) block * grid) {
                    double v = x[(int) i];
                    shared[t] += v * v;
                }
            }
            for (int t = 0; t < block; t++) sequential += shared[t];
            for (int stride = block / 2; stride > 0; stride >>= 1) {
                for (int t = 0; t < stride; t++) shared[t] += shared[t + stride];
            }
            double got = Double.longBitsToDouble(Long.parseUnsignedLong(partials[b + 1], 16));
            assertEquals(Double.doubleToLongBits(shared[0]), Double.doubleToLongBits(got), "block " + b + ": " + got + " vs tree " + shared[0]);
            differsFromSequential |= Double.doubleToLongBits(sequential) != Double.doubleToLongBits(got);
        }
        assertTrue(differsFromSequential, "the data should make the summation order visible");
    }

    @Test
    void philoxKernelMaskIsTheDropoutStreamBitForBit() {
        assumeTrue(driver != null, "g++ not found");
        try (Device cpu = CpuDevice.create(1); HostKernelDevice kernels = new HostKernelDevice(driver, false)) {
            for (long offset : new long[] {0, 1, 2, 3, 4, DropoutStream.offset(7, 123456) + 5}) {
                for (int n : new int[] {1, 2, 3, 5, 1000}) {
                    for (double keep : new double[] {0.5, 0.8, 0.95}) {
                        double[] masks = null;
                        for (Device d : new Device[] {cpu, kernels}) {
                            Matrix a = d.allocate(n, 1), mask = d.allocate(n, 1);
                            d.fill(a, 1.0);
                            d.dropoutForward(a, mask, keep, 0xDEADBEEFCAFEL, offset);
                            double[] m = d.download(mask);
                            if (masks == null) masks = m;
                            else assertTrue(Arrays.equals(masks, m), "offset " + offset + ", n " + n + ", keep " + keep);
                        }
                    }
                }
            }
        }
    }
}
