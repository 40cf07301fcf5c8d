package io.densetrain.run;

import io.densetrain.BadInputException;
import io.densetrain.check.GradientCheck;
import io.densetrain.check.GradientCheckReport;
import io.densetrain.data.Dataset;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceSelector;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trained network with its input normalization, ready to predict without any training code. Inputs
 * are raw rows ({@code rows[j]} holds example j's features in the model's feature order); each is
 * normalized with the training set's μ and σ, then run forward without dropout:
 * {@code A[L] = g(W[L]·…g(W[1]·x' + b[1])… + b[L])}. The class is {@code a > 0.5} for a sigmoid output
 * and {@code argmax_k a_k} for softmax. It runs on the float64 CPU device unless a device is named.
 */
public final class TrainedModel implements AutoCloseable {
    /** Columns forwarded at once, so the activations of a large input stay bounded. */
    private static final int CHUNK = 4096;

    private final SavedModel saved;
    private final Device device;
    private final Network network;
    private Matrix xStore, yStore;

    private TrainedModel(SavedModel saved, Device device) {
        this.saved = saved;
        this.device = device;
        Architecture arch = saved.architecture();
        this.network = new Network(device, arch, Regularization.none(arch.depth()), 0);
        network.setParameters(saved.theta());
    }

    /** The saved model on the float64 CPU device. */
    public static TrainedModel of(SavedModel saved) {
        return new TrainedModel(saved, CpuDevice.create(0));
    }

    /**
     * The saved model on {@code device} ({@code cpu}, {@code cuda} or {@code auto}); a line saying
     * why {@code auto} fell back to the CPU, or what the device replaced, goes to {@code notes}.
     */
    public static TrainedModel of(SavedModel saved, String device, Consumer<String> notes) {
        DeviceSelector.Selection selection = DeviceSelector.open(device, 0, false, notes);
        if (selection.note() != null) notes.accept(selection.note());
        return new TrainedModel(saved, selection.device());
    }

    /** The model in {@code dir} as written by {@link #save} or {@code train --save} ({@link ModelStore#load}). */
    public static TrainedModel load(Path dir) {
        return of(ModelStore.load(dir));
    }

    /** {@link #load(Path)} on a named device, as {@link #of(SavedModel, String, Consumer)}. */
    public static TrainedModel load(Path dir, String device, Consumer<String> notes) {
        return of(ModelStore.load(dir), device, notes);
    }

    /** Writes the model to {@code dir} in one atomic step ({@link ModelStore#save}). */
    public void save(Path dir) {
        ModelStore.save(dir, saved);
    }

    public SavedModel saved() {
        return saved;
    }

    public Architecture architecture() {
        return saved.architecture();
    }

    /** The device the model predicts on. */
    public Device device() {
        return device;
    }

    /** The class names saved with the model (index = class), or an empty list when it has none. */
    public List<String> classNames() {
        return saved.classNames() == null ? List.of() : saved.classNames();
    }

    /** The name of class {@code predicted}, or its number when the model has no class names. */
    public String label(int predicted) {
        List<String> names = classNames();
        return predicted >= 0 && predicted < names.size() ? names.get(predicted) : String.valueOf(predicted);
    }

    /** The predicted class of every row: {@code a > 0.5} for a sigmoid output, argmax for softmax. */
    public int[] predict(double[][] rows) {
        double[] x = columns(rows); // refuses null and ragged rows first
        int m = rows.length;
        return classes(outputs(x, m), architecture().outputs(), m);
    }

    /** Per row: {p(y = 1)} for a sigmoid output, the K softmax probabilities otherwise. */
    public double[][] predictProbabilities(double[][] rows) {
        double[] x = columns(rows);
        int m = rows.length, k = architecture().outputs();
        double[] a = outputs(x, m);
        double[][] p = new double[m][k];
        for (int j = 0; j < m; j++) System.arraycopy(a, j * k, p[j], 0, k);
        return p;
    }

    /**
     * A[L] for {@code m} raw examples given column-major ({@code features[i + j·n_x]} is feature i of
     * example j): (1, m) probabilities of class 1, or (K, m) softmax, column-major.
     */
    public double[] outputs(double[] features, int m) {
        requireOpen();
        requireFinite(features, m);
        int n = architecture().inputs(), k = architecture().outputs();
        double[] x = saved.normalization().apply(features);
        double[] out = new double[Math.multiplyExact(k, m)];
        for (int from = 0; from < m; from += CHUNK) {
            int w = Math.min(CHUNK, m - from);
            Matrix a = network.forward(input(x, n, from, w), false, 0);
            System.arraycopy(device.download(a), 0, out, from * k, w * k);
        }
        return out;
    }

    /** Cross-entropy cost (without L2) and accuracy on raw rows and their labels. */
    public Evaluation evaluate(double[][] rows, int[] labels) {
        double[] x = columns(rows);
        requireLabels(labels, rows.length);
        return evaluate(x, labels);
    }

    /** {@link #evaluate(double[][], int[])} on column-major raw features, as {@link #outputs} takes them. */
    public Evaluation evaluate(double[] features, int[] labels) {
        requireLabels(labels, labels == null ? 0 : labels.length);
        return evaluate(features, targets(labels, architecture().outputs()), labels.length);
    }

    /** {@link #evaluate(double[][], int[])} on a column-major {@link Dataset} of raw features. */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data.features(), data.targets(architecture().outputs()), data.size());
    }

    private Evaluation evaluate(double[] features, double[] y, int m) {
        requireOpen();
        int n = architecture().inputs(), k = architecture().outputs();
        requireFinite(features, m);
        if (m == 0) throw new BadInputException("evaluation needs at least one labelled example, got none");
        double[] x = saved.normalization().apply(features);
        double crossEntropySum = 0, cost = 0;
        long correct = 0;
        for (int from = 0; from < m; from += CHUNK) {
            int w = Math.min(CHUNK, m - from);
            network.forward(input(x, n, from, w), false, 0);
            Matrix yv = labels(y, k, from, w);
            cost = network.costParts(yv).crossEntropy(); // one chunk: J itself, as one forward pass over all m gives it
            crossEntropySum += cost * w;
            correct += network.countCorrect(yv);
        }
        return new Evaluation(m <= CHUNK ? cost : crossEntropySum / m, (double) correct / m, m);
    }

    /**
     * A gradient check of the model's θ on these rows (normalized as for prediction), always on a
     * float64 CPU device without L2 or dropout, whatever device the model predicts on.
     */
    public GradientCheckReport gradientCheck(double[][] rows, int[] labels) {
        return gradientCheck(rows, labels, GradientCheck.Options.defaults());
    }

    /** {@link #gradientCheck(double[][], int[])} with ε, sampling and report options. */
    public GradientCheckReport gradientCheck(double[][] rows, int[] labels, GradientCheck.Options options) {
        int m = rows.length, n = architecture().inputs(), k = architecture().outputs();
        requireLabels(labels, m);
        if (m == 0) throw new BadInputException("a gradient check needs at least one labelled example, got none");
        double[] x = saved.normalization().apply(columns(rows));
        requireFinite(x, m);
        try (CpuDevice cpu = CpuDevice.create(1)) {
            Network net = new Network(cpu, architecture(), Regularization.none(architecture().depth()), 0);
            net.setParameters(saved.theta());
            Matrix xm = cpu.allocate(n, m), ym = cpu.allocate(k, m);
            cpu.upload(x, xm);
            cpu.upload(targets(labels, k), ym);
            return GradientCheck.run(net, xm, ym, options, 0);
        }
    }

    /** Classes from A[L] (column-major, {@code outputs} rows, m columns): a > 0.5 for one sigmoid unit, argmax for softmax. */
    public static int[] classes(double[] a, int outputs, int m) {
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            if (outputs == 1) {
                out[j] = a[j] > 0.5 ? 1 : 0;
            } else {
                int best = 0;
                for (int k = 1; k < outputs; k++) if (a[k + j * outputs] > a[best + j * outputs]) best = k;
                out[j] = best;
            }
        }
        return out;
    }

    /** True for a one-unit sigmoid output (binary), false for softmax. */
    public boolean sigmoid() {
        return architecture().output() == Activation.SIGMOID;
    }

    private volatile boolean closed;

    /** Frees the device (on CUDA its memory); later predictions and evaluations throw; a second close does nothing. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        device.close();
    }

    /** A closed model's device memory is gone (on CUDA a use would read freed memory): refuse instead. */
    private void requireOpen() {
        if (closed) throw new IllegalStateException("this TrainedModel is closed; load it again (TrainedModel.load) to predict");
    }

    /** Rows checked for width and flattened column-major (example j's features are contiguous). */
    private double[] columns(double[][] rows) {
        if (rows == null) throw new BadInputException("rows is null; give one array of " + architecture().inputs() + " features per example");
        int n = architecture().inputs();
        double[] x = new double[Math.multiplyExact(rows.length, n)];
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] == null || rows[j].length != n) {
                throw new BadInputException("rows[" + j + "] has " + (rows[j] == null ? "no" : rows[j].length) + " values but the"
                        + " model takes " + n + " inputs" + featureList() + "; give one value per input feature");
            }
            System.arraycopy(rows[j], 0, x, j * n, n);
        }
        return x;
    }

    private String featureList() {
        List<String> names = saved.featureNames();
        return names == null || names.isEmpty() || names.size() > 10 ? "" : " (" + String.join(", ", names) + ")";
    }

    private void requireFinite(double[] features, int m) {
        int n = architecture().inputs();
        if (features.length != (long) n * m) {
            throw new BadInputException(features.length + " feature values are not " + m + " examples of the model's " + n + " inputs");
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new BadInputException("rows[" + i / n + "][" + i % n + "] is " + features[i] + "; the model needs finite inputs"
                        + " (fill in or drop missing values first)");
            }
        }
    }

    private void requireLabels(int[] labels, int m) {
        if (labels == null || labels.length != m) {
            throw new BadInputException("labels has " + (labels == null ? "no" : labels.length) + " entries for " + m
                    + " rows; give one label per row");
        }
        int classes = architecture().classes();
        for (int j = 0; j < m; j++) {
            if (labels[j] < 0 || labels[j] >= classes) {
                throw new BadInputException("labels[" + j + "] is " + labels[j] + " but the model distinguishes " + classes
                        + " classes (0.." + (classes - 1) + ")");
            }
        }
    }

    /** Y: (1, m) 0/1 labels for a sigmoid output, (K, m) one-hot for softmax. */
    private static double[] targets(int[] labels, int outputs) {
        double[] y = new double[Math.multiplyExact(labels.length, outputs)];
        for (int j = 0; j < labels.length; j++) {
            if (outputs == 1) y[j] = labels[j];
            else y[labels[j] + j * outputs] = 1;
        }
        return y;
    }

    /** A (n, w) device view holding columns [from, from + w) of x. */
    private Matrix input(double[] x, int n, int from, int w) {
        if (xStore == null || xStore.cols() < w) xStore = device.allocate(n, Math.min(CHUNK, Math.max(w, 1)));
        Matrix v = device.view(xStore, 0, n, w);
        device.upload(java.util.Arrays.copyOfRange(x, from * n, (from + w) * n), v);
        return v;
    }

    private Matrix labels(double[] y, int k, int from, int w) {
        if (yStore == null || yStore.cols() < w) yStore = device.allocate(k, Math.min(CHUNK, Math.max(w, 1)));
        Matrix v = device.view(yStore, 0, k, w);
        device.upload(java.util.Arrays.copyOfRange(y, from * k, (from + w) * k), v);
        return v;
    }
}
