package io.densetrain.bench;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.train.MiniBatchTrainer;
import io.densetrain.train.Optimizer;
import io.densetrain.train.TrainPlan;

/**
 * The MNIST-shaped mini-batch workload: [784,256,128,10] ReLU/softmax, He, standardized inputs, 10
 * epochs over 8,000 generated examples ({@link MnistShaped}), the cost recorded once per epoch.
 * Optimizers and learning rates: adam α = 0.001; momentum β = 0.9, α = 0.1 (the course's
 * v = βv + (1−β)dθ, which is scikit-learn's and PyTorch's momentum with lr = α(1−β) = 0.01); gd α = 0.01.
 * {@code main} runs it {@code repeats} times and prints one JSON line per run (for profiling and for the
 * alternating pairs of benchmarks/minibatch.sh): {@code MiniBatchRun optimizer batch threads [repeats]}.
 */
public final class MiniBatchRun implements AutoCloseable {
    static final int[] LAYERS = {784, 256, 128, 10};
    static final int EPOCHS = 10;

    final Device device;
    final MnistShaped data;
    final Matrix x, y, xTest, yTest;

    MiniBatchRun(Device device, MnistShaped data) {
        this.device = device;
        this.data = data;
        x = upload(device, data.xTrain, MnistShaped.FEATURES, data.train);
        y = upload(device, MnistShaped.oneHot(data.yTrain), MnistShaped.CLASSES, data.train);
        xTest = upload(device, data.xTest, MnistShaped.FEATURES, data.test);
        yTest = upload(device, MnistShaped.oneHot(data.yTest), MnistShaped.CLASSES, data.test);
    }

    private static Matrix upload(Device device, double[] values, int rows, int cols) {
        Matrix m = device.allocate(rows, cols);
        device.upload(values, m);
        return m;
    }

    static double learningRate(String optimizer) {
        return switch (optimizer) {
            case "adam" -> 0.001;
            case "momentum" -> 0.1;
            case "gd" -> 0.01;
            default -> throw new IllegalArgumentException("optimizer must be adam, momentum or gd: " + optimizer);
        };
    }

    /** Trains a fresh network; returns it (the caller reads test accuracy from it). */
    Network train(String optimizer, int batch) {
        Architecture architecture = new Architecture(LAYERS);
        Network network = new Network(device, architecture, Regularization.none(architecture.depth()), 1);
        network.initialize(Initialization.HE, 1, 1);
        Optimizer.Spec spec = new Optimizer.Spec(Optimizer.Kind.parse(optimizer), 0.9, 0.999, 1e-8);
        long perEpoch = (data.train + batch - 1) / batch;
        TrainPlan plan = new TrainPlan(learningRate(optimizer), batch, EPOCHS, spec, 0, 1, perEpoch, null, 0);
        MiniBatchTrainer.train(network, x, y, null, null, plan, MiniBatchTrainer.Hooks.none());
        return network;
    }

    double testAccuracy(Network network) {
        network.forward(xTest, false, 0);
        return (double) network.countCorrect(yTest) / data.test;
    }

    @Override
    public void close() {
        device.close();
    }

    public static void main(String[] args) {
        boolean split = args[0].equals("--split");
        if (split) args = java.util.Arrays.copyOfRange(args, 1, args.length);
        String optimizer = args[0];
        int batch = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Device device = Devices.open("cpu", threads);
        TimedDevice timed = split ? new TimedDevice(device) : null;
        try (MiniBatchRun run = new MiniBatchRun(split ? timed : device, new MnistShaped(8000, 2000, 1))) {
            for (int i = 0; i < repeats; i++) {
                if (split) timed.reset();
                long start = System.nanoTime();
                Network network = run.train(optimizer, batch);
                double seconds = (System.nanoTime() - start) / 1e9;
                StringBuilder parts = new StringBuilder();
                if (split) {
                    long inDevice = 0;
                    for (var e : timed.totals().entrySet()) {
                        parts.append(String.format(java.util.Locale.ROOT, ", \"%s_s\": %.4f, \"%s_calls\": %d",
                                e.getKey(), e.getValue()[0] / 1e9, e.getKey(), e.getValue()[1]));
                        inDevice += e.getValue()[0];
                    }
                    parts.append(String.format(java.util.Locale.ROOT, ", \"host_s\": %.4f", seconds - inDevice / 1e9));
                    for (var e : timed.byMethod().entrySet()) {
                        parts.append(String.format(java.util.Locale.ROOT, ", \"%s_ms_per_call\": %.4f", e.getKey(),
                                e.getValue()[0] / 1e6 / e.getValue()[1]));
                    }
                }
                System.out.printf(java.util.Locale.ROOT,
                        "{\"suite\": \"minibatch\", \"peer\": \"densetrain\", \"optimizer\": \"%s\", \"batch\": %d, \"threads\": %d,"
                        + " \"seconds\": %.4f, \"test_accuracy\": %.4f%s}%n",
                        optimizer, batch, threads, seconds, run.testAccuracy(network), parts);
            }
        }
    }
}
