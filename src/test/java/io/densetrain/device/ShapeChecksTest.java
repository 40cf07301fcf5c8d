package io.densetrain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.device.cpu.Float32Device;
import org.junit.jupiter.api.Test;

/** The shape rules every device calls first: the CPU devices refuse wrong shapes with ShapeChecks' messages. */
class ShapeChecksTest {
    @Test
    void wrongShapesAreRefusedBeforeAnyKernelRuns() {
        refuses(CpuDevice.create(1), "CpuMatrix");
    }

    @Test
    void theFloat32DeviceRefusesThemWithTheSameMessages() {
        refuses(Float32Device.create(1), "Float32Matrix");
    }

    private static void refuses(Device cpu, String matrix) {
        Matrix a = cpu.allocate(2, 3), b = cpu.allocate(4, 5), c = cpu.allocate(2, 5);
        assertEquals("gemm shapes: op(A) 2x3, op(B) 4x5, C 2x5",
                assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1, a, b, 0, c)).getMessage());
        assertEquals("upload of 5 values into " + matrix + "(2x3)",
                assertThrows(IllegalArgumentException.class, () -> cpu.upload(new double[5], a)).getMessage());
        assertEquals("bias " + matrix + "(2x3) for " + matrix + "(2x5)",
                assertThrows(IllegalArgumentException.class, () -> cpu.biasActivationForward(c, a, cpu.allocate(2, 5), Activation.RELU))
                        .getMessage());
        assertEquals("row sums of " + matrix + "(2x5) into " + matrix + "(4x5)",
                assertThrows(IllegalArgumentException.class, () -> cpu.rowSums(c, 1, b)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> cpu.adamUpdate(a, a, a, c, 0.9, 0.999, 1e-8, 0.1, 1));
        // a column index outside the source is refused on every device (the CPU device used to read past it)
        assertEquals("column 3 of " + matrix + "(2x3)",
                assertThrows(IndexOutOfBoundsException.class, () -> cpu.gatherColumns(a, new int[] {0, 3}, cpu.allocate(2, 2)))
                        .getMessage());
    }
}
