package io.densetrain.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceOutOfMemoryException;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Out of device memory: one line with the batch size that fits, and that batch does fit. */
class NetworkOutOfMemoryTest {

    /** The CPU device with a memory budget, failing allocations the way the CUDA device does (4-byte elements). */
    private static Device withBudget(Device cpu, long budgetBytes) {
        long[] used = {0};
        return (Device) Proxy.newProxyInstance(Device.class.getClassLoader(), new Class<?>[] {Device.class}, (p, method, args) -> {
            if (method.getName().equals("kind")) return "cuda";
            if (method.getName().equals("allocate")) {
                long bytes = 4L * (int) args[0] * (int) args[1];
                if (used[0] + bytes > budgetBytes) {
                    throw new DeviceOutOfMemoryException("GPU", bytes, budgetBytes - used[0], budgetBytes);
                }
                used[0] += bytes;
            }
            try {
                return method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void saysWhichBatchFitsAndThatBatchFits() {
        Architecture arch = new Architecture(64, 256, 128, 10);
        Regularization reg = Regularization.of(0, new double[] {0.8}, arch.depth());
        long budget = 8L << 20;
        try (Device device = withBudget(CpuDevice.create(1), budget)) {
            Network net = new Network(device, arch, reg, 1);
            Matrix x = device.allocate(64, 20000);
            BadInputException e = assertThrows(BadInputException.class, () -> net.forward(x, true, 0));
            assertTrue(e.getMessage().startsWith("out of GPU memory for a batch of 20000 examples"), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
            Matcher m = Pattern.compile("a batch of at most (\\d+) examples fits").matcher(e.getMessage());
            assertTrue(m.find(), e.getMessage());
            int fits = Integer.parseInt(m.group(1));
            assertTrue(fits > 100 && fits < 20000, e.getMessage());
            // After the failure the network is still usable, and the advertised batch fits.
            Matrix small = device.view(x, 0, 64, fits);
            net.forward(small, true, 0);
        }
    }
}
