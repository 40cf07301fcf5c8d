package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.densetrain.BadInputException;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two updates of each rule on θ = 1 with the constant gradient 0.5, α = 0.01, computed by hand. */
class OptimizerTest {
    private final Device device = CpuDevice.create(1);
    private final Matrix theta = device.allocate(1, 1), grad = device.allocate(1, 1);

    @AfterEach
    void close() {
        device.close();
    }

    private double twoSteps(Optimizer.Kind kind) {
        device.upload(new double[] {1}, theta);
        device.upload(new double[] {0.5}, grad);
        Optimizer o = new Optimizer(new Optimizer.Spec(kind, 0.9, 0.999, 1e-8), device, 1);
        o.step(theta, grad, 0.01, 1);
        o.step(theta, grad, 0.01, 2);
        return device.download(theta)[0];
    }

    @Test
    void eachRuleByHand() {
        assertEquals(1 - 2 * 0.01 * 0.5, twoSteps(Optimizer.Kind.GD), 1e-15);
        // v1 = 0.05, v2 = 0.9·0.05 + 0.05 = 0.095
        assertEquals(1 - 0.01 * 0.05 - 0.01 * 0.095, twoSteps(Optimizer.Kind.MOMENTUM), 1e-15);
        // a constant gradient makes both bias-corrected moments exact: each step moves α·g/|g| = α
        assertEquals(1 - 2 * 0.01, twoSteps(Optimizer.Kind.ADAM), 1e-9);
        // s1 = 0.001·0.25, s2 = 0.999·s1 + 0.001·0.25
        double s1 = 0.001 * 0.25, s2 = 0.999 * s1 + 0.001 * 0.25;
        assertEquals(1 - 0.01 * 0.5 / (Math.sqrt(s1) + 1e-8) - 0.01 * 0.5 / (Math.sqrt(s2) + 1e-8), twoSteps(Optimizer.Kind.RMSPROP),
                1e-12);
    }

    @Test
    void stateRoundTripsAndAWrongCountIsRefused() {
        Optimizer adam = new Optimizer(new Optimizer.Spec(Optimizer.Kind.ADAM, 0.9, 0.999, 1e-8), device, 1);
        adam.loadState(List.of(new double[] {0.3}, new double[] {0.4}));
        assertArrayEquals(new double[] {0.3}, adam.saveState().get(0), 0);
        assertArrayEquals(new double[] {0.4}, adam.saveState().get(1), 0);
        assertThrows(BadInputException.class, () -> adam.loadState(List.of(new double[] {0.3})));
        assertThrows(BadInputException.class, () -> new Optimizer.Spec(Optimizer.Kind.ADAM, 1.0, 0.999, 1e-8));
    }
}
