package io.densetrain.nn;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import io.densetrain.device.Activation;
import java.util.Arrays;

/**
 * Layer sizes {@code [n_x, n1, …, nL]} and activations: hidden layers use {@code hidden}; the output
 * is SIGMOID when {@code nL = 1} (labels 0/1) and SOFTMAX otherwise (labels 0..nL−1).
 */
public record Architecture(int[] sizes, Activation hidden) {
    /** The most parameters θ can hold: the longest Java array (2^31 − 1 less the VM's header words). */
    public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8L;

    public Architecture {
        sizes = sizes.clone();
        if (sizes.length < 2) {
            throw new SettingException("layers", "needs at least an input and an output size, e.g. 2,20,3,1");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new BadInputException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        long parameters = 0; // θ is one Java array: sizes are checked in long before anything is allocated
        for (int l = 1; l < sizes.length; l++) parameters += (long) sizes[l] * sizes[l - 1] + sizes[l];
        if (parameters > MAX_PARAMETERS) {
            throw new BadInputException("layer sizes " + Arrays.toString(sizes) + " give " + parameters + " parameters, more than"
                    + " the " + MAX_PARAMETERS + " one network holds; use smaller layers");
        }
        if (sizes[sizes.length - 1] == 2) {
            throw new BadInputException("an output layer of 2 units is ambiguous: use 1 (sigmoid, labels 0/1) or K ≥ 3 (softmax)");
        }
        if (hidden.isOutput()) {
            throw new BadInputException("hidden activation must be relu, tanh or linear, not " + hidden.label());
        }
    }

    public Architecture(int... sizes) {
        this(sizes, Activation.RELU);
    }

    /** Number of weight layers L. */
    public int depth() {
        return sizes.length - 1;
    }

    public int size(int layer) {
        return sizes[layer];
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Activation of layer l (1..L). */
    public Activation activation(int layer) {
        return layer == depth() ? output() : hidden;
    }

    public Activation output() {
        return outputs() == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
    }

    /** Number of classes the output distinguishes: 2 for sigmoid, nL for softmax. */
    public int classes() {
        return outputs() == 1 ? 2 : outputs();
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && Arrays.equals(sizes, a.sizes) && hidden == a.hidden;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + hidden.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes) + " " + hidden.label() + "/" + output().label();
    }
}
