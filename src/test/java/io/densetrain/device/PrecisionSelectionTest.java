package io.densetrain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.SettingException;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.device.cpu.Float32Device;
import org.junit.jupiter.api.Test;

/** {@link DeviceSelector} with a precision: float32 on the CPU opens the float32 device, float64 on CUDA is refused. */
class PrecisionSelectionTest {

    @Test
    void theCpuIsFloat64ByDefaultAndFloat32OnRequest() {
        try (Device d = DeviceSelector.open("cpu", 1, false, (Precision) null, n -> { }).device()) {
            assertInstanceOf(CpuDevice.class, d);
            assertEquals(8, d.elementBytes());
        }
        try (Device d = DeviceSelector.open("cpu", 1, false, Precision.FLOAT64, n -> { }).device()) {
            assertInstanceOf(CpuDevice.class, d);
        }
        DeviceSelector.Selection s = DeviceSelector.open("cpu", 1, false, "float32", n -> { });
        try (Device d = s.device()) {
            assertInstanceOf(Float32Device.class, d);
            assertEquals(4, d.elementBytes());
            assertTrue(d.describe().startsWith("cpu (float32, "), d.describe());
            assertNull(s.note(), "OpenBLAS loads here: no fallback line");
        }
    }

    @Test
    void float64OnCudaIsRefusedBeforeTheGpuIsTouched() {
        SettingException e = assertThrows(SettingException.class,
                () -> DeviceSelector.open("cuda", 1, false, Precision.FLOAT64, n -> { }));
        assertEquals("precision", e.setting());
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().contains("float32 only"), e.getMessage());
    }

    @Test
    void autoWithFloat64IsTheCpuAndSaysWhy() {
        DeviceSelector.Selection s = DeviceSelector.open("auto", 1, false, Precision.FLOAT64, n -> { });
        try (Device d = s.device()) {
            assertInstanceOf(CpuDevice.class, d);
            assertTrue(s.note().startsWith("device auto: using the CPU because float64"), s.note());
        }
    }

    @Test
    void autoWithFloat32FallsBackToTheFloat32Cpu() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.densetrain.device.cuda.CudaDevice.unavailableReason() != null,
                "a usable GPU is present: auto picks it");
        try (Device d = DeviceSelector.open("auto", 1, false, Precision.FLOAT32, n -> { }).device()) {
            assertInstanceOf(Float32Device.class, d);
        }
    }

    @Test
    void precisionNames() {
        assertEquals(Precision.FLOAT32, Precision.parse(" Float32 "));
        assertEquals(Precision.FLOAT64, Precision.parse("fp64"));
        assertNull(Precision.parse(null));
        SettingException e = assertThrows(SettingException.class, () -> Precision.parse("float16"));
        assertEquals("precision", e.setting());
        assertEquals("precision 'float16' is not a precision: use float32 or float64", e.getMessage());
    }
}
