package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.densetrain.sweep.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sweep's default --parallel: the cores on the CPU, one trial at a time on a CUDA GPU (decided without a GPU here). */
class TrialsAtOnceTest {
    private static int of(boolean cudaUsable, List<String> args, String... grids) {
        List<Setting> settings = java.util.Arrays.stream(grids).map(Setting::grid).toList();
        return TrialsAtOnce.byDefault(args, settings, 16, () -> cudaUsable);
    }

    @Test
    void oneTrialAtATimeWhereATrialRunsOnCuda() {
        assertEquals(16, of(false, List.of()), "auto without a GPU is the CPU");
        assertEquals(1, of(true, List.of()), "auto with a usable GPU is CUDA");
        assertEquals(16, of(true, List.of("--device", "cpu")));
        assertEquals(1, of(false, List.of("--device=cuda")), "an explicit cuda (refused later where it is not usable)");
        assertEquals(16, of(true, List.of("--precision", "float64")), "auto in float64 is the CPU");
        assertEquals(1, of(true, List.of("--precision", "float64"), "precision=float32,float64"));
        assertEquals(1, of(false, List.of("--device", "cpu"), "device=cpu,cuda"));
        assertEquals(16, of(true, List.of("--device", "cuda"), "device=cpu"), "the swept device replaces the fixed one");
        assertEquals(16, of(true, List.of("--no-such-flag")), "train's parser refuses it; the sweep's checks say so");
    }
}
