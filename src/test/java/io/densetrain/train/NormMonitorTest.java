package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.experiment.VanishingExperiment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NormMonitorTest {
    @Test
    void theVanishingExperimentsNetworksGetTheExpectedVerdicts() {
        try (var device = CpuDevice.create(1)) {
            Map<String, VanishingExperiment.Case> cases = VanishingExperiment.run(device, null).stream()
                    .collect(Collectors.toMap(VanishingExperiment.Case::name, c -> c));
            var up = cases.get("linear W = 1.5·I");
            assertEquals("exploding gradients", up.verdict());
            // activations grow as 1.5^l: 28 layers between A[1] and A[29]
            assertEquals(28 * Math.log10(1.5), Math.log10(up.norms().activation()[29] / up.norms().activation()[1]), 1e-9);
            assertEquals("vanishing gradients", cases.get("linear W = 0.5·I").verdict());
            assertEquals("healthy", cases.get("relu he").verdict());
            assertEquals("exploding gradients", cases.get("relu random std 1").verdict());
            assertEquals("vanishing gradients", cases.get("relu xavier").verdict());
        }
    }

    @Test
    void levelNormsAndShallowNetworksGiveNoWarning() {
        assertTrue(NormMonitor.check(new double[] {0, 1, 1, 1}, new double[] {0, 1, 1, 1}).isEmpty());
        assertTrue(NormMonitor.check(new double[] {0, 1}, new double[] {0, 1e9}).isEmpty());
        assertTrue(NormMonitor.warning(List.of()).isEmpty());
        assertTrue(NormMonitor.check(new double[] {0, 1, 1, 1}, new double[] {0, 1e-5, 1e-3, 1}).orElseThrow().startsWith("vanishing"));
    }
}
