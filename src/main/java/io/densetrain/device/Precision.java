package io.densetrain.device;

import io.densetrain.SettingException;
import java.util.Locale;

/**
 * The arithmetic a device stores and computes in. Each device has a native precision (the CPU device
 * float64, the CUDA device float32); the CPU device can also run in float32 ({@code Float32Device}),
 * the CUDA device only in float32. float64 stays the reference for gradient checking and parity.
 */
public enum Precision {
    FLOAT32,
    FLOAT64;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "float32" or "float64" (also "fp32", "fp64", "f32", "f64"); null or blank is null: the device's native precision. */
    public static Precision parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "float32", "fp32", "f32", "single":
                return FLOAT32;
            case "float64", "fp64", "f64", "double":
                return FLOAT64;
            default:
                throw new SettingException("precision", "'" + name + "' is not a precision: use float32 or float64");
        }
    }
}
