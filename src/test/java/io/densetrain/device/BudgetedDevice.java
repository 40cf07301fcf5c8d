package io.densetrain.device;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A small GPU stand-in for tests: the CPU device (float64 arithmetic, so results are the CPU's bit for
 * bit) behind a memory budget counted at 4 bytes per element, like the CUDA device. An allocation past
 * the budget throws {@link DeviceOutOfMemoryException}; {@link Device#freeBytes} is what is left.
 */
public final class BudgetedDevice {
    private BudgetedDevice() {
    }

    public static Device wrap(Device cpu, long budgetBytes) {
        long[] used = {0};
        return (Device) Proxy.newProxyInstance(Device.class.getClassLoader(), new Class<?>[] {Device.class}, (p, method, args) -> {
            switch (method.getName()) {
                case "kind":
                    return "cuda";
                case "elementBytes":
                    return 4;
                case "freeBytes":
                    return budgetBytes - used[0];
                case "allocate": {
                    long bytes = 4L * (int) args[0] * (int) args[1];
                    if (used[0] + bytes > budgetBytes) {
                        throw new DeviceOutOfMemoryException("GPU", bytes, budgetBytes - used[0], budgetBytes);
                    }
                    used[0] += bytes;
                    break;
                }
                default:
                    break;
            }
            try {
                return method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
