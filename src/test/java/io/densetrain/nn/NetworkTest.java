package io.densetrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import org.junit.jupiter.api.Test;

/** A forward pass computed by hand, the θ layout, initialization and the hyperparameter checks. */
class NetworkTest {
    private final Device device = CpuDevice.create(1);

    @Test
    void forwardAndCostByHand() {
        // [2, 2, 1]: W1 = [[1, -1], [0.5, 2]], b1 = [0, -1], W2 = [[1, 1]], b2 = [0.5]
        Network net = new Network(device, new Architecture(2, 2, 1), Regularization.of(0.4, null, 2), 1);
        // θ = W1 (column-major), W2, b1, b2
        net.setParameters(new double[] {1, 0.5, -1, 2, 1, 1, 0, -1, 0.5});
        Matrix x = device.allocate(2, 1);
        device.upload(new double[] {1, 1}, x);
        Matrix y = device.allocate(1, 1);
        device.upload(new double[] {1}, y);
        Matrix a = net.forward(x, false, 0);
        // Z1 = (0, 2.5 − 1) = (0, 1.5) → A1 = (0, 1.5); Z2 = 1.5 + 0.5 = 2
        double a2 = 1 / (1 + Math.exp(-2));
        assertEquals(a2, device.download(a)[0], 1e-15);
        double l2 = 0.4 / 2 * (1 + 0.25 + 1 + 4 + 1 + 1);
        assertEquals(-Math.log(a2) + l2, net.cost(y), 1e-12);
        net.backward(y);
        double[] g = net.gradientValues();
        double dz2 = a2 - 1;
        // dW2 = dz2·A1ᵀ + λ·W2; db2 = dz2; dZ1 = W2ᵀ dz2 ∘ (Z1 > 0) = (0, dz2)
        assertEquals(dz2 * 0 + 0.4 * 1, g[4], 1e-15);
        assertEquals(dz2 * 1.5 + 0.4 * 1, g[5], 1e-15);
        assertEquals(dz2, g[8], 1e-15);
        assertEquals(0, g[6], 1e-15);
        assertEquals(dz2, g[7], 1e-15);
        assertEquals(dz2 * 1 + 0.4 * 0.5, g[1], 1e-15);
    }

    @Test
    void layoutPutsAllWeightsFirst() {
        ParameterLayout layout = new ParameterLayout(new Architecture(4, 5, 3, 1));
        assertEquals(20 + 15 + 3, layout.weightCount());
        assertEquals(38 + 5 + 3 + 1, layout.total());
        assertEquals(35, layout.weightOffset(3));
        assertEquals(38, layout.biasOffset(1));
        assertEquals("W2[1,0]", layout.coordinate(21));
        assertEquals("b2[2,0]", layout.coordinate(45));
    }

    @Test
    void initializationIsSeededAndScaled() {
        Architecture arch = new Architecture(400, 300, 1);
        double[] a = Initialization.HE.initialTheta(arch, 1, 7);
        assertArrayEquals(a, Initialization.HE.initialTheta(arch, 1, 7));
        double sum = 0;
        for (int i = 0; i < 400 * 300; i++) sum += a[i] * a[i];
        assertEquals(Math.sqrt(2.0 / 400), Math.sqrt(sum / (400 * 300)), 0.002);
        double[] big = Initialization.RANDOM.initialTheta(arch, 10, 7);
        assertEquals(10 * a[0] / Math.sqrt(2.0 / 400), big[0], 1e-9);
        double[] zeros = Initialization.ZEROS.initialTheta(arch, 1, 7);
        assertTrue(java.util.Arrays.stream(zeros).allMatch(v -> v == 0));
        // biases start at zero for every scheme
        for (int i = 400 * 300 + 300; i < a.length; i++) assertEquals(0, a[i]);
        assertEquals(Math.sqrt(1.0 / 300), Initialization.XAVIER.factor(arch, 2, 1), 1e-15);
        assertEquals(Math.sqrt(2.0 / 301), Initialization.GLOROT.factor(arch, 2, 1), 1e-15);
    }

    @Test
    void rejectsImpossibleHyperparameters() {
        assertThrows(BadInputException.class, () -> Regularization.of(-0.1, null, 3));
        assertThrows(BadInputException.class, () -> Regularization.of(0, new double[] {0}, 3));
        assertThrows(BadInputException.class, () -> Regularization.of(0, new double[] {1.2}, 3));
        assertThrows(BadInputException.class, () -> Regularization.of(0, new double[] {0.5, 0.5, 0.5, 0.5}, 3));
        assertThrows(BadInputException.class, () -> new Architecture(2, 0, 1));
        assertThrows(BadInputException.class, () -> new Architecture(2));
        assertThrows(BadInputException.class, () -> Initialization.parse("uniform"));
        Regularization perLayer = Regularization.of(0, new double[] {0.9, 0.8}, 3);
        assertArrayEquals(new double[] {1, 0.9, 0.8}, perLayer.keepProb());
        assertArrayEquals(new double[] {0.5, 0.9, 0.8}, Regularization.of(0, new double[] {0.5, 0.9, 0.8}, 3).keepProb());
    }

    @Test
    void predictionModeUsesNoMask() {
        Network net = new Network(device, new Architecture(2, 8, 1), Regularization.of(0, new double[] {0.5}, 2), 3);
        net.initialize(Initialization.HE, 1, 1);
        Matrix x = device.allocate(2, 4);
        device.upload(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, x);
        double[] first = device.download(net.forward(x, false, 0));
        double[] trained = device.download(net.forward(x, true, 0));
        double[] again = device.download(net.forward(x, false, 9));
        assertArrayEquals(first, again);
        assertTrue(!java.util.Arrays.equals(first, trained), "a training pass with keep_prob 0.5 should differ");
    }
}
