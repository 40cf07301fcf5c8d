package io.densetrain.experiment;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.ParameterLayout;
import io.densetrain.nn.Regularization;
import io.densetrain.plot.Plots;
import io.densetrain.train.LayerNorms;
import io.densetrain.train.NormMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Vanishing and exploding gradients against depth, measured with one forward and backward pass at
 * initialization on m = 256 standard-normal inputs with random 0/1 labels: a deep linear network
 * (30 layers of 4 units, every W[l] = c·I, the output row c/2 each) with c = 1.5 (activations grow as
 * 1.5^l, dZ[l] as 1.5^(L−l)) and c = 0.5 (both shrink), and a 20-layer ReLU network of width 64 under
 * He (level), large random (std 1: grows by ≈ √32 per layer) and Xavier (shrinks by ≈ √½ per layer).
 */
public final class VanishingExperiment {
    public record Case(String name, int depth, LayerNorms norms, String verdict) {
    }

    private VanishingExperiment() {
    }

    public static List<Case> run(Device device, Path out) {
        List<Case> cases = new ArrayList<>();
        cases.add(linear(device, 1.5));
        cases.add(linear(device, 0.5));
        cases.add(relu(device, "relu he", Initialization.HE, 1));
        cases.add(relu(device, "relu random std 1", Initialization.RANDOM, 1));
        cases.add(relu(device, "relu xavier", Initialization.XAVIER, 1));
        if (out != null) {
            Map<String, double[]> activations = new LinkedHashMap<>(), gradients = new LinkedHashMap<>();
            for (Case c : cases) {
                activations.put(c.name(), java.util.Arrays.copyOf(c.norms().activation(), c.depth()));
                gradients.put(c.name(), c.norms().backprop());
            }
            Plots.normsByDepth(out.resolve("activations_by_depth.png"), "hidden activations ||A[l]||/sqrt(m) against depth",
                    "||A[l]|| (log)", activations);
            Plots.normsByDepth(out.resolve("gradients_by_depth.png"), "back-propagated gradient ||dZ[l]|| against depth",
                    "||dW[l]||/||A[l-1]|| (log)", gradients);
        }
        return cases;
    }

    static Case linear(Device device, double c) {
        int n = 4, depth = 30;
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, n);
        sizes[depth] = 1;
        Architecture arch = new Architecture(sizes, Activation.LINEAR);
        ParameterLayout layout = new ParameterLayout(arch);
        double[] theta = new double[(int) layout.total()];
        for (int l = 1; l < depth; l++) {
            for (int i = 0; i < n; i++) theta[(int) layout.weightOffset(l) + i + i * n] = c;
        }
        for (int i = 0; i < n; i++) theta[(int) layout.weightOffset(depth) + i] = c / 2;
        Network net = new Network(device, arch, Regularization.none(depth), 1);
        net.setParameters(theta);
        return measure(device, net, String.format("linear W = %.1f·I", c));
    }

    static Case relu(Device device, String name, Initialization init, double scale) {
        int width = 64, depth = 20;
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, width);
        sizes[depth] = 1;
        Architecture arch = new Architecture(sizes, Activation.RELU);
        Network net = new Network(device, arch, Regularization.none(depth), 1);
        net.initialize(init, scale, 1);
        return measure(device, net, name);
    }

    private static Case measure(Device device, Network net, String name) {
        int m = 256, n = net.architecture().inputs();
        Random random = new Random(7);
        double[] x = new double[n * m], y = new double[m];
        for (int k = 0; k < x.length; k++) x[k] = random.nextGaussian();
        for (int j = 0; j < m; j++) y[j] = random.nextBoolean() ? 1 : 0;
        Matrix xm = device.allocate(n, m), ym = device.allocate(1, m);
        device.upload(x, xm);
        device.upload(y, ym);
        net.forward(xm, true, 0);
        net.backward(ym);
        LayerNorms norms = NormMonitor.measure(net, 0);
        String verdict = NormMonitor.check(norms.activation(), norms.backprop()).map(w -> w.substring(0, w.indexOf(':')))
                .orElse("healthy");
        return new Case(name, net.architecture().depth(), norms, verdict);
    }

    public static MarkdownTable table(List<Case> cases) {
        MarkdownTable t = new MarkdownTable("network", "layers", "‖A[1]‖", "‖A[L−1]‖", "‖dZ[1]‖", "‖dZ[L]‖", "monitor");
        for (Case c : cases) {
            LayerNorms n = c.norms();
            t.row(c.name(), c.depth(), n.activation()[1], n.activation()[c.depth() - 1], n.backprop()[1], n.backprop()[c.depth()],
                    c.verdict());
        }
        return t;
    }
}
