package io.densetrain.train;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An update rule over the one flat θ, with its state allocated once on the device (the course's
 * formulas, bias-corrected Adam with t = the global update count starting at 1):
 * <pre>
 *   gd:       θ −= α·dθ
 *   momentum: v = β1·v + (1−β1)·dθ;  θ −= α·v
 *   rmsprop:  s = β2·s + (1−β2)·dθ²;  θ −= α·dθ/(√s + ε)
 *   adam:     m = β1·m + (1−β1)·dθ;  v = β2·v + (1−β2)·dθ²;  θ −= α·m̂/(√v̂ + ε)
 * </pre>
 */
public final class Optimizer {
    public enum Kind { GD, MOMENTUM, RMSPROP, ADAM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.label().equals(name.trim().toLowerCase(Locale.ROOT))) return k;
            }
            throw new BadInputException("unknown optimizer '" + name + "': use gd, momentum, rmsprop or adam");
        }
    }

    /** The rule and its hyperparameters (β1 for momentum and adam, β2 for rmsprop and adam). */
    public record Spec(Kind kind, double beta1, double beta2, double epsilon) {
        public Spec {
            if (!(beta1 >= 0 && beta1 < 1)) throw new SettingException("beta1", "must lie in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new SettingException("beta2", "must lie in [0, 1), got " + beta2);
            if (!(epsilon > 0)) {
                throw new SettingException("adamEpsilon", "must be positive, got " + epsilon);
            }
        }

        public static Spec gd() {
            return new Spec(Kind.GD, 0.9, 0.999, 1e-8);
        }
    }

    private final Spec spec;
    private final Device device;
    private final List<Matrix> state = new ArrayList<>();

    public Optimizer(Spec spec, Device device, int parameters) {
        this.spec = spec;
        this.device = device;
        int buffers = switch (spec.kind()) {
            case GD -> 0;
            case MOMENTUM, RMSPROP -> 1;
            case ADAM -> 2;
        };
        for (int i = 0; i < buffers; i++) state.add(device.allocateState(parameters, 1));
    }

    public Spec spec() {
        return spec;
    }

    /** One update with learning rate {@code lr}; {@code t} is the update's number, 1 for the first. */
    public void step(Matrix theta, Matrix grad, double lr, long t) {
        switch (spec.kind()) {
            case GD -> device.sgdUpdate(theta, grad, lr);
            case MOMENTUM -> device.momentumUpdate(theta, grad, state.get(0), spec.beta1(), lr);
            case RMSPROP -> device.rmspropUpdate(theta, grad, state.get(0), spec.beta2(), spec.epsilon(), lr);
            case ADAM -> device.adamUpdate(theta, grad, state.get(0), state.get(1), spec.beta1(), spec.beta2(),
                    spec.epsilon(), lr, t);
        }
    }

    /** The state buffers (v; s; or m then v) as host arrays, for checkpoints. */
    public List<double[]> saveState() {
        return state.stream().map(device::download).toList();
    }

    public void loadState(List<double[]> values) {
        if (values.size() != state.size()) {
            throw new BadInputException("the checkpoint holds " + values.size() + " optimizer buffers but " + spec.kind().label()
                    + " needs " + state.size() + "; resume with the optimizer the run started with");
        }
        for (int i = 0; i < values.size(); i++) device.upload(values.get(i), state.get(i));
    }
}
