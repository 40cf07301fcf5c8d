package io.densetrain.train;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import java.util.Arrays;

/**
 * The training set resident on the device: each batch's columns are gathered device-side
 * ({@link Device#gatherColumns}) into one (n_x, B) and one (n_y, B) buffer allocated at the first epoch.
 */
final class ResidentBatches implements BatchSource {
    private final Device device;
    private final Matrix x, y;
    private Matrix xStore, yStore;
    private int[] order;
    private int batch;

    public ResidentBatches(Device device, Matrix x, Matrix y) {
        this.device = device;
        this.x = x;
        this.y = y;
    }

    @Override
    public int features() {
        return x.rows();
    }

    @Override
    public int outputs() {
        return y.rows();
    }

    @Override
    public int examples() {
        return x.cols();
    }

    @Override
    public boolean resident() {
        return true;
    }

    @Override
    public Matrix wholeX() {
        return x;
    }

    @Override
    public Matrix wholeY() {
        return y;
    }

    @Override
    public void useFeatures(double[] features) {
        device.upload(features, x);
    }

    @Override
    public void beginEpoch(int[] order, int batch, long firstBatch) {
        if (xStore == null || xStore.cols() < batch) {
            xStore = device.allocate(x.rows(), batch);
            yStore = device.allocate(y.rows(), batch);
        }
        this.order = order;
        this.batch = batch;
    }

    @Override
    public Batch next(long b) {
        int from = Math.toIntExact(b * batch), width = Math.min(batch, x.cols() - from);
        int[] columns = Arrays.copyOfRange(order, from, from + width);
        Matrix xb = device.view(xStore, 0, x.rows(), width), yb = device.view(yStore, 0, y.rows(), width);
        device.gatherColumns(x, columns, xb);
        device.gatherColumns(y, columns, yb);
        return new Batch(xb, yb);
    }

    @Override
    public void close() {
        // device buffers are released with the device
    }
}
