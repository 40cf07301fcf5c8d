package io.densetrain.train;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The training set kept on the host and streamed to the device one mini-batch at a time, for a
 * training set that does not fit on the device beside the network's workspace (see
 * {@link DataPlacement}). A producer thread gathers batch b+1's columns (the same shuffled order as
 * {@code ResidentBatches}) into one of two host buffers while the device trains on batch b; the
 * training thread then uploads the buffer with {@link Device#upload} (the CUDA device copies it through
 * its pinned staging buffer) into one (n_x, B) and one (n_y, B) device buffer. Buffer b mod 2 is only
 * refilled after its upload has returned, so the producer never writes what is being uploaded.
 * Gathering and uploading copy values exactly, so the batches, and the training, are bit for bit those
 * of the resident path.
 */
public final class StreamedBatches implements BatchSource {
    /** A batch being gathered on the producer thread into host buffers of its width. */
    private record Pending(long batch, int width, double[] x, double[] y, Future<?> done) {
    }

    private final Device device;
    private final int nx, ny, m;
    private double[] x;
    /** The features given at construction (evaluation always uses these). */
    private final double[] original;
    /** Our own copy of the latest replaced features (null until the first replacement). */
    private double[] replaced;
    private final double[] y;
    private final ExecutorService producer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "batch-producer");
        t.setDaemon(true);
        return t;
    });
    /** Host buffers per slot (b mod 2): full width, and the narrower last batch of an epoch. */
    private final double[][] xFull = new double[2][], yFull = new double[2][], xTail = new double[2][], yTail = new double[2][];
    private Matrix xStore, yStore;
    private int[] order;
    private int batch;
    private long batches;
    private Pending pending;

    /** X (n_x, m) and Y (n_y, m), column-major host arrays; they are read, never copied whole. */
    public StreamedBatches(Device device, double[] x, double[] y, int nx, int ny) {
        if (nx <= 0 || ny <= 0 || x.length % nx != 0 || y.length != (long) ny * (x.length / nx)) {
            throw new IllegalArgumentException("X has " + x.length + " values for " + nx + " rows, Y " + y.length + " for " + ny);
        }
        this.device = device;
        this.x = x;
        this.original = x;
        this.y = y;
        this.nx = nx;
        this.ny = ny;
        this.m = x.length / nx;
    }

    @Override
    public int features() {
        return nx;
    }

    @Override
    public int outputs() {
        return ny;
    }

    @Override
    public int examples() {
        return m;
    }

    @Override
    public boolean resident() {
        return false;
    }

    @Override
    public Matrix wholeX() {
        return null;
    }

    @Override
    public Matrix wholeY() {
        return null;
    }

    @Override
    public void useFeatures(double[] features) {
        if (features.length != x.length) {
            throw new IllegalArgumentException("features of " + features.length + " values replace " + x.length);
        }
        finishPending();
        // Copy: the caller may reuse its array (AugmentedEpochs hands its buffer back to the producer).
        if (replaced == null) {
            replaced = new double[features.length];
        }
        System.arraycopy(features, 0, replaced, 0, features.length);
        x = replaced;
    }

    @Override
    public void beginEpoch(int[] order, int batch, long firstBatch) {
        if (order.length != m) {
            throw new IllegalArgumentException("an order of " + order.length + " examples for " + m);
        }
        finishPending();
        ensureDeviceBuffers(batch);
        this.order = order;
        this.batch = batch;
        this.batches = (m + batch - 1) / batch;
        if (firstBatch < batches) pending = gather(firstBatch);
    }

    @Override
    public Batch next(long b) {
        if (pending == null || pending.batch() != b) {
            finishPending();
            pending = gather(b);
        }
        Pending current = pending;
        // batch b+1 goes into the other slot, whose last batch (b−1) has been uploaded already
        pending = b + 1 < batches ? gather(b + 1) : null;
        await(current);
        return upload(current.x(), current.y(), current.width());
    }

    /**
     * Fraction of the training examples classified correctly (prediction mode), in chunks of the batch
     * width: on the original features, never on augmented ones, as the resident path does.
     */
    public double accuracy(Network network, int chunk) {
        if (m == 0) return Double.NaN;
        finishPending();
        ensureDeviceBuffers(chunk);
        long correct = 0;
        for (int from = 0; from < m; from += chunk) {
            int width = Math.min(chunk, m - from);
            double[] xs = java.util.Arrays.copyOfRange(original, from * nx, (from + width) * nx);
            double[] ys = java.util.Arrays.copyOfRange(y, from * ny, (from + width) * ny);
            Batch batch = upload(xs, ys, width);
            network.forward(batch.x(), false, 0);
            correct += network.countCorrect(batch.y());
        }
        return (double) correct / m;
    }

    private void ensureDeviceBuffers(int width) {
        if (xStore == null || xStore.cols() < width) {
            xStore = device.allocate(nx, width);
            yStore = device.allocate(ny, width);
        }
    }

    private Batch upload(double[] xs, double[] ys, int width) {
        Matrix xb = device.view(xStore, 0, nx, width), yb = device.view(yStore, 0, ny, width);
        device.upload(xs, xb);
        device.upload(ys, yb);
        return new Batch(xb, yb);
    }

    /** Queues the gathering of batch b on the producer thread (buffers chosen here, on the training thread). */
    private Pending gather(long b) {
        int from = Math.toIntExact(b * batch), width = Math.min(batch, m - from), slot = (int) (b & 1);
        double[] xs, ys;
        if (width == batch) {
            if (xFull[slot] == null) {
                xFull[slot] = new double[nx * batch];
                yFull[slot] = new double[ny * batch];
            }
            xs = xFull[slot];
            ys = yFull[slot];
        } else {
            if (xTail[slot] == null || xTail[slot].length != nx * width) {
                xTail[slot] = new double[nx * width];
                yTail[slot] = new double[ny * width];
            }
            xs = xTail[slot];
            ys = yTail[slot];
        }
        int[] columns = order;
        double[] xSource = x;
        Future<?> done = producer.submit(() -> {
            for (int k = 0; k < width; k++) {
                int j = columns[from + k];
                System.arraycopy(xSource, j * nx, xs, k * nx, nx);
                System.arraycopy(y, j * ny, ys, k * ny, ny);
            }
        });
        return new Pending(b, width, xs, ys, done);
    }

    private void finishPending() {
        if (pending != null) {
            await(pending);
            pending = null;
        }
    }

    private static void await(Pending p) {
        try {
            p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gathering mini-batch " + p.batch(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("gathering mini-batch " + p.batch() + " failed", e.getCause());
        }
    }

    /** Stops the producer thread. */
    @Override
    public void close() {
        producer.shutdownNow();
    }
}
