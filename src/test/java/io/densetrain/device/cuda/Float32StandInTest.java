package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.check.Parity;
import io.densetrain.device.Device;
import io.densetrain.device.cpu.Float32Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The float32 CPU device as a stand-in for the GPU's float32 numerics: the CUDA kernels compiled for the
 * host ({@link HostKernelDevice}, as in {@link KernelEmulationTest}) against the float32 CPU device as the
 * reference, with the in-kernel Philox (the cuRAND path's uniforms are the same stream, KernelEmulationTest). Both compute in float32, so the elementwise kernels must agree to a few
 * float32 ulps (not just within float32's distance from float64) and masks, gathers and counts exactly.
 * Skipped where g++ is absent.
 */
class Float32StandInTest {
    static Path driver;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        driver = HostKernelDevice.driverBinary();
    }

    /** float32 against float32: elementwise within 4 ulps; products and sums as the float32 suite (different summation orders). */
    static Parity.Tolerances float32AgainstFloat32() {
        Parity.Tolerances t = Parity.Tolerances.float32();
        return new Parity.Tolerances(4 * Math.ulp(1.0f), t.reduction(), t.activations(), t.cost(), t.gradients(),
                t.thetaAfter1(), t.thetaAfter100());
    }

    private static void standIn(boolean curand) {
        assumeTrue(driver != null, "g++ not found: the kernels cannot be compiled for the host");
        try (Device f32 = Float32Device.create(1); HostKernelDevice kernels = new HostKernelDevice(driver, curand)) {
            Parity.Report report = Parity.run(f32, kernels, float32AgainstFloat32(), Parity.smallShapes());
            assertTrue(report.passed(), report.comparisons().stream().filter(c -> !c.passed())
                    .map(c -> c.group() + " / " + c.tensor() + ": " + c.error() + " > " + c.tolerance()).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void theCudaKernelsMatchTheFloat32CpuDeviceWithTheInKernelPhilox() {
        standIn(false);
    }
}
