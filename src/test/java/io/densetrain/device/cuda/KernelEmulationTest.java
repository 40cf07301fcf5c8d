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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CUDA kernel, compiled for the host with g++ from the same {@code kernels/*.cu} sources and
 * launched through the CUDA device's own launch code ({@link Launches}), against its CPU twin: the
 * full parity suite in float32 arithmetic, with both dropout sources, and the in-kernel Philox mask bit
 * for bit at unaligned offsets. This checks the kernels' formulas, indexing, grid-stride loops and
 * arguments without a GPU; what it cannot check (the GPU's own arithmetic, cuBLAS, the driver) is
 * left to {@code CudaParityTest}. Skipped where g++ is absent.
 */
class KernelEmulationTest {
    @TempDir
    static Path dir;
    static Path driver;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        driver = dir.resolve("host_driver");
        Process p;
        try {
            p = new ProcessBuilder("g++", "-O1", "-ffp-contract=off", "-std=c++14", "-o", driver.toString(), "kernels/host/host_driver.cpp")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            driver = null;
            return;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "kernels/host/host_driver.cpp did not compile:\n" + log);
    }

    private static String failures(Parity.Report r) {
        return r.comparisons().stream().filter(c -> !c.passed())
                .map(c -> c.group() + " / " + c.tensor() + ": " + c.error() + " > " + c.tolerance()).collect(Collectors.joining("\n"));
    }

    private static void parity(boolean curand) {
        assumeTrue(driver != null, "g++ not found: the kernels cannot be compiled for the host");
        try (Device cpu = CpuDevice.create(1); HostKernelDevice kernels = new HostKernelDevice(driver, curand)) {
            Parity.Report report = Parity.run(cpu, kernels, Parity.Tolerances.float32());
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
