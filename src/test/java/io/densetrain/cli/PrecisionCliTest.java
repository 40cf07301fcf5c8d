package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code --precision}: float32 trains on the float32 CPU device; what a device cannot honour is one line, exit 2. */
class PrecisionCliTest {

    private static void oneLineExit2(CliTest.Run r, String expected) {
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("densetrain: error: " + expected), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void float32TrainsOnTheFloat32CpuDeviceAndFollowsFloat64() {
        String[] common = {"train", "--data", "circles", "--iterations", "300", "--lr", "0.3", "--device", "cpu", "--json"};
        CliTest.Run r64 = CliTest.run(common);
        String[] f32 = java.util.Arrays.copyOf(common, common.length + 2);
        f32[common.length] = "--precision";
        f32[common.length + 1] = "float32";
        CliTest.Run r32 = CliTest.run(f32);
        assertEquals(0, r32.code(), r32.err());
        assertEquals(0, r64.code(), r64.err());
        JsonObject j32 = r32.json(), j64 = r64.json();
        assertTrue(j32.get("device").getAsString().startsWith("cpu (float32, "), j32.get("device").getAsString());
        assertTrue(j64.get("device").getAsString().startsWith("cpu (float64, "), j64.get("device").getAsString());
        double c32 = j32.get("final_cost").getAsDouble(), c64 = j64.get("final_cost").getAsDouble();
        // 300 iterations: 5e-7 apart. Later this run turns sensitive: by 1,000 iterations a 1e-7 change of θ0
        // (--init-scale 1.0000001) moves the float64 cost by 7%, as float32 rounding does (README, Performance).
        assertTrue(Math.abs(c32 - c64) <= 1e-5 * c64, c32 + " vs " + c64);
        assertEquals(j64.get("test_accuracy").getAsDouble(), j32.get("test_accuracy").getAsDouble(), 0.0);
    }

    @Test
    void float64OnCudaIsRefused() {
        oneLineExit2(CliTest.run("train", "--data", "circles", "--iterations", "10", "--device", "cuda", "--precision", "float64"),
                "--precision float64: the CUDA device computes in float32 only; use --device cpu for float64");
    }

    @Test
    void gradcheckRefusesFloat32() {
        oneLineExit2(CliTest.run("gradcheck", "--data", "circles", "--precision", "float32"),
                "--precision float32: gradient checking needs float64");
    }

    @Test
    void anUnknownPrecisionIsNamed() {
        oneLineExit2(CliTest.run("train", "--data", "circles", "--iterations", "10", "--device", "cpu", "--precision", "half"),
                "--precision 'half' is not a precision: use float32 or float64");
    }
}
