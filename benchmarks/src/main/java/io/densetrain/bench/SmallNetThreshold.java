package io.densetrain.bench;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.SmallNetwork;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.ParameterLayout;
import io.densetrain.nn.Regularization;
import java.util.Locale;
import java.util.Random;

/**
 * Measures where the heap path ({@link SmallNetwork}) stops paying: one full-batch iteration (forward,
 * backward, θ −= α·dθ) of [2,h,h,1] networks on m examples, heap against device, alternating, best of
 * five rounds of {@code iterations} each; prints one line per shape with the multiply-adds of a forward
 * pass (the quantity SmallNetwork.MAX_MACS bounds). {@code SmallNetThreshold threads}.
 */
public final class SmallNetThreshold {
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int[][] shapes = {{20, 3, 211}, {10, 5, 300}, {20, 3, 1000}, {20, 10, 1000}, {24, 24, 500}, {24, 24, 1000}, {32, 32, 500},
            {32, 32, 1000}, {64, 64, 1000}, {128, 128, 2000}};
        try (Device device = Devices.open("cpu", threads)) {
            for (int[] s : shapes) {
                int[] sizes = {2, s[0], s[1], 1};
                int m = s[2];
                Random r = new Random(1);
                double[] x = new double[2 * m], y = new double[m];
                for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
                for (int j = 0; j < m; j++) y[j] = r.nextInt(2);
                Architecture architecture = new Architecture(sizes);
                Network network = new Network(device, architecture, Regularization.none(3), 1);
                network.initialize(Initialization.HE, 1, 1);
                Matrix xm = device.allocate(2, m), ym = device.allocate(1, m);
                device.upload(x, xm);
                device.upload(y, ym);
                ParameterLayout layout = network.layout();
                long[] w = new long[4], b = new long[4];
                for (int l = 1; l <= 3; l++) {
                    w[l] = layout.weightOffset(l);
                    b[l] = layout.biasOffset(l);
                }
                SmallNetwork heap = new SmallNetwork(sizes, Activation.RELU, Activation.SIGMOID, 0, new double[] {1, 1, 1}, 1, w, b,
                        network.parameters(), x, y, m, threads);
                long macs = SmallNetwork.macs(sizes, m);
                int iterations = (int) Math.max(20, Math.min(5000, 200_000_000L / macs));
                double bestHeap = Double.MAX_VALUE, bestDevice = Double.MAX_VALUE;
                for (int round = 0; round < 5; round++) {
                    long t0 = System.nanoTime();
                    for (int it = 0; it < iterations; it++) heap.iterate(it, 0.01);
                    long t1 = System.nanoTime();
                    for (int it = 0; it < iterations; it++) {
                        network.forward(xm, true, it);
                        network.backward(ym);
                        device.sgdUpdate(network.theta(), network.gradient(), 0.01);
                    }
                    long t2 = System.nanoTime();
                    bestHeap = Math.min(bestHeap, (t1 - t0) / 1e3 / iterations);
                    bestDevice = Math.min(bestDevice, (t2 - t1) / 1e3 / iterations);
                }
                System.out.printf(Locale.ROOT, "{\"sizes\": \"[2,%d,%d,1]\", \"m\": %d, \"macs\": %d, \"heap_us\": %.2f, \"device_us\": %.2f,"
                        + " \"device_over_heap\": %.2f}%n", s[0], s[1], m, macs, bestHeap, bestDevice, bestDevice / bestHeap);
            }
        }
    }
}
