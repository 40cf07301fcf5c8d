package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.check.Parity;
import io.densetrain.data.Synthetic2D;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.MiniBatchTrainer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA device on a real GPU: the parity suite against the float64 CPU device (every kernel
 * against its twin, the dropout mask bit for bit, activations, cost, gradients, θ after 1 and 100
 * steps) with both dropout sources, with TF32, and an end-to-end training run. Skipped with the
 * reason where no GPU is usable: skipped, never counted as passed.
 */
class CudaParityTest {

    @BeforeEach
    void needsAGpu() {
        String reason = CudaDevice.unavailableReason();
        assumeTrue(reason == null, "no usable GPU: " + reason);
    }

    private static String failures(Parity.Report r) {
        return r.comparisons().stream().filter(c -> !c.passed())
                .map(c -> c.group() + " / " + c.tensor() + ": " + c.error() + " > " + c.tolerance()).collect(Collectors.joining("\n"));
    }

    private static void parity(CudaDevice.Options options, Parity.Tolerances tolerances) {
        try (Device cpu = CpuDevice.create(0); CudaDevice gpu = CudaDevice.open(options, n -> { })) {
            Parity.Report report = Parity.run(cpu, gpu, tolerances);
            assertTrue(report.passed(), gpu.describe() + "\n" + failures(report));
        }
    }

    @Test
    void parityWithInKernelPhilox() {
        parity(new CudaDevice.Options(false, CudaDevice.Rng.PHILOX), Parity.Tolerances.float32());
    }

    @Test
    void parityWithCurand() {
        assumeTrue(CurandUniforms.unavailableReason() == null, "cuRAND not loadable: " + CurandUniforms.unavailableReason());
        parity(new CudaDevice.Options(false, CudaDevice.Rng.CURAND), Parity.Tolerances.float32());
    }

    @Test
    void parityWithTf32() {
        parity(new CudaDevice.Options(true, CudaDevice.Rng.AUTO), Parity.Tolerances.tf32());
    }

    @Test
    void trainsTheCourseNetworkEndToEnd() {
        var split = Synthetic2D.generate(new Synthetic2D.Spec("circles", 300, 100, 0.05, 2, 2, 1));
        var arch = new Architecture(2, 10, 5, 1);
        try (CudaDevice gpu = CudaDevice.open(CudaDevice.Options.defaults(), n -> { })) {
            Network net = new Network(gpu, arch, Regularization.of(0, new double[] {0.9}, arch.depth()), 1);
            net.initialize(Initialization.HE, 1.0, 1);
            Matrix x = gpu.allocate(2, 300), y = gpu.allocate(1, 300);
            gpu.upload(split.train().features(), x);
            gpu.upload(split.train().targets(1), y);
            TrainResult r = MiniBatchTrainer.fullBatch(net, x, y, new TrainConfig(0.3, 5000, 1000));
            assertTrue(r.finalCost() < r.firstCost(), r.toString());
            assertTrue(MiniBatchTrainer.accuracy(net, x, y) > 0.9);
            long[] mem = gpu.memoryInfo();
            assertTrue(mem[0] > 0 && mem[1] >= mem[0]);
        }
    }

    @Test
    void closeFreesEverythingAndRefusesLaterUse() {
        CudaDevice gpu = CudaDevice.open(CudaDevice.Options.defaults(), n -> { });
        long before = gpu.memoryInfo()[0];
        Matrix big = gpu.allocate(4096, 4096);
        assertTrue(gpu.memoryInfo()[0] < before);
        gpu.close();
        try (CudaDevice again = CudaDevice.open(CudaDevice.Options.defaults(), n -> { })) {
            assertTrue(again.memoryInfo()[0] >= before - (64L << 20), "memory of the closed device was released");
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> gpu.fill(big, 1));
        assertEquals("cuda", gpu.kind());
    }
}
