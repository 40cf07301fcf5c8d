package io.densetrain.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.device.Device;
import io.densetrain.device.cpu.CpuDevice;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The parity harness itself, without a GPU: a float32-storage stand-in passes every comparison with its
 * tolerance, the dropout mask and counts compare exactly, and a planted 0.1% error in one kernel is
 * caught and located. The GPU parity suite is {@code io.densetrain.device.cuda.CudaParityTest}.
 */
class ParityTest {

    private static String failures(Parity.Report r) {
        return r.comparisons().stream().filter(c -> !c.passed())
                .map(c -> c.group() + " / " + c.tensor() + ": " + c.error() + " > " + c.tolerance()).collect(Collectors.joining("\n"));
    }

    @Test
    void float32StorageIsWithinEveryTolerance() {
        try (Device cpu = CpuDevice.create(1); Device f32 = Float32Rounding.wrap(CpuDevice.create(1), null)) {
            Parity.Report report = Parity.run(cpu, f32, Parity.Tolerances.float32());
            assertTrue(report.passed(), failures(report));
            assertTrue(report.comparisons().size() > 60, "kernels and five network cases: " + report.comparisons().size());
            // The comparison is not vacuous: float32 storage shows up in the errors.
            assertTrue(report.comparisons().stream().anyMatch(c -> c.error() > 1e-9), "float32 rounding must be visible");
            // the shapes past one launch's 2,097,152 threads, where every grid-stride loop runs more than once
            List<String> names = report.comparisons().stream().map(Parity.Comparison::tensor).toList();
            for (String t : new String[] {"row_sums @8193x257", "sgd_update @8193x257", "sum_squares @8193x257",
                    "bias_softmax_forward @2x2097200", "cross_entropy softmax @2x2097200", "count_correct softmax @2x2097200"}) {
                assertTrue(names.contains(t), t + " missing from " + names);
            }
            assertTrue(!names.contains("sgd_update @2x2097200"), "the wide shape runs only the per-column kernels");
        }
    }

    @Test
    void aPlantedKernelErrorIsCaughtAndLocated() {
        try (Device cpu = CpuDevice.create(1); Device buggy = Float32Rounding.wrap(CpuDevice.create(1), "rowSums")) {
            Parity.Report report = Parity.run(cpu, buggy, Parity.Tolerances.float32(), Parity.smallShapes());
            assertFalse(report.passed());
            List<String> failed = report.comparisons().stream().filter(c -> !c.passed()).map(Parity.Comparison::tensor).toList();
            assertTrue(failed.contains("row_sums"), failed.toString());
            assertTrue(failed.contains("db1"), failed.toString());
            assertFalse(failed.contains("dW3"), "an error in the bias gradients must not be blamed on dW3: " + failed);
        }
    }
}
