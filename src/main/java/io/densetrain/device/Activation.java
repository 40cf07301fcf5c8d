package io.densetrain.device;

import java.util.Locale;

/**
 * Activation functions. Hidden layers use RELU, TANH or LINEAR; the output layer uses SIGMOID
 * (two classes, labels 0/1, one output unit) or SOFTMAX (K classes, one unit per class).
 */
public enum Activation {
    /** g(z) = max(0, z); g'(z) = 1 if z > 0 else 0. */
    RELU,
    /** g(z) = tanh(z); g'(z) = 1 − a². */
    TANH,
    /** g(z) = z; g'(z) = 1. */
    LINEAR,
    /** a = 1 / (1 + e^(−z)); output only. */
    SIGMOID,
    /** a_k = e^(z_k) / Σ_j e^(z_j), per column; output only. */
    SOFTMAX;

    public boolean isOutput() {
        return this == SIGMOID || this == SOFTMAX;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a hidden-layer activation name (relu, tanh, linear). */
    public static Activation parseHidden(String name) {
        for (Activation a : values()) {
            if (!a.isOutput() && a.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new io.densetrain.BadInputException(
                "unknown hidden activation '" + name + "': use relu, tanh or linear");
    }
}
