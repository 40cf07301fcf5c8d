package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.device.cuda.CudaDevice;
import org.junit.jupiter.api.Test;

/** The CUDA commands from the CLI: without a GPU one line and the documented exit code; with one, end to end. */
class CudaCliTest {

    @Test
    void withoutAGpuParityAndCudaTrainingSayWhyInOneLine() {
        String reason = CudaDevice.unavailableReason();
        assumeTrue(reason != null, "a GPU is usable here: see the GPU tests below");
        CliTest.Run parity = CliTest.run("parity");
        assertEquals(2, parity.code(), parity.err());
        assertEquals(1, parity.err().lines().count(), parity.err());
        assertTrue(parity.err().startsWith("densetrain: error: no usable GPU: " + reason), parity.err());
        CliTest.Run train = CliTest.run("train", "--device", "cuda", "--iterations", "10");
        assertEquals(2, train.code());
        assertTrue(train.err().contains(reason), train.err());
        CliTest.Run check = CliTest.run("native-check");
        assertEquals(1, check.code(), check.out());
        assertTrue(check.out().contains("[FAIL] cuda"), check.out());
        assertTrue(check.out().contains(reason), check.out());
        // every library is listed (search path, candidates, verdict) even though the driver is missing
        assertTrue(check.out().contains("[info] search path"), check.out());
        for (String lib : new String[] {"libcuda.so.1", "libcublas.so.12", "libcublas.so.13", "libcurand.so.10"}) {
            assertTrue(check.out().lines().anyMatch(l -> l.matches("\\[(ok  |info|warn|FAIL)\\] " + java.util.regex.Pattern.quote(lib) + " .*")),
                    lib + " missing from:\n" + check.out());
        }
        assertEquals(4, check.out().lines().filter(l -> l.trim().startsWith("candidates (")).count(), check.out());
        assertTrue(check.out().trim().endsWith("native-check: FAILED"), check.out());
        assertTrue(!check.out().contains("Exception") && check.err().isEmpty(), check.out() + check.err());
    }

    @Test
    void badRngIsBadInput() {
        CliTest.Run r = CliTest.run("parity", "--rng", "mersenne");
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void onAGpuTrainParityAndNativeCheckRunEndToEnd() {
        String reason = CudaDevice.unavailableReason();
        assumeTrue(reason == null, "no usable GPU: " + reason);
        CliTest.Run train = CliTest.run("train", "--device", "cuda", "--iterations", "3000", "--lr", "0.3", "--keep-prob", "0.9", "--json");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.json().get("device").getAsString().startsWith("cuda"), train.out());
        assertTrue(train.json().get("train_accuracy").getAsDouble() > 0.9, train.out());
        CliTest.Run parity = CliTest.run("parity");
        assertEquals(0, parity.code(), parity.out() + parity.err());
        CliTest.Run check = CliTest.run("native-check", "--iterations", "5");
        assertEquals(0, check.code(), check.out());
    }
}
