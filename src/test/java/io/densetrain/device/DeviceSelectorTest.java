package io.densetrain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.device.cuda.CudaDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --device}: auto falls back with one line naming what is missing; cuda fails with that line. */
class DeviceSelectorTest {

    @Test
    void autoUsesCudaWhenUsableElseFallsBackWithOneLine() {
        String reason = CudaDevice.unavailableReason();
        List<String> notes = new ArrayList<>();
        DeviceSelector.Selection s = DeviceSelector.open("auto", 1, false, notes::add);
        try (Device d = s.device()) {
            if (reason == null) {
                assertEquals("cuda", d.kind());
                return;
            }
            assertEquals("cpu", d.kind());
            assertTrue(s.note().startsWith("device auto: using the CPU because "), s.note());
            assertEquals(1, s.note().lines().count(), s.note());
            assertTrue(s.note().contains(reason), s.note());
        }
    }

    @Test
    void withoutAGpuTheReasonNamesTheMissingPieceAndTheFix() {
        String reason = CudaDevice.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason != null, "a GPU is usable here");
        assertEquals(1, reason.lines().count(), reason);
        // On a machine without the NVIDIA driver (CI): the first row of native-check/STACK.md §3.4.
        if (reason.contains("libcuda.so.1")) {
            assertTrue(reason.startsWith("no NVIDIA driver (libcuda.so.1 not found): install the NVIDIA driver"), reason);
            assertTrue(reason.contains("--device cpu"), reason);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> DeviceSelector.open("cuda", 1, false, n -> { }));
        assertTrue(e.getMessage().startsWith("--device cuda: " + reason), e.getMessage());
        assertEquals(reason, CudaDevice.unavailableReason(), "probed once: the same first error every time");
    }

    @Test
    void tf32OnTheCpuIsSaid() {
        DeviceSelector.Selection s = DeviceSelector.open("cpu", 1, true, n -> { });
        try (Device d = s.device()) {
            assertTrue(s.note().contains("--tf32 has no effect"), s.note());
        }
    }
}
