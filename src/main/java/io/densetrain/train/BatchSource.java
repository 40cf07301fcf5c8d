package io.densetrain.train;

import io.densetrain.device.Matrix;

/**
 * Where {@link MiniBatchTrainer} gets each mini-batch's columns from: the training set resident on the
 * device ({@code ResidentBatches}) or kept on the host and streamed ({@link StreamedBatches}). Both give
 * batch b of an epoch as the columns {@code order[b·B .. min((b+1)·B, m))} of X and Y, in that order,
 * in device matrices owned by the source and valid until the next call.
 */
public interface BatchSource extends AutoCloseable {
    /** One mini-batch on the device: X (n_x, width) and Y (n_y, width). */
    record Batch(Matrix x, Matrix y) {
    }

    int features();

    int outputs();

    int examples();

    /** Whether X and Y are on the device whole (full-batch training needs that). */
    boolean resident();

    /** The whole X on the device, or null when streamed. */
    Matrix wholeX();

    /** The whole Y on the device, or null when streamed. */
    Matrix wholeY();

    /** Replaces the training features (n_x, m), column-major, e.g. an epoch's augmented pictures. */
    void useFeatures(double[] features);

    /** An epoch's batches of {@code batch} columns in {@code order}, starting at batch {@code firstBatch}. */
    void beginEpoch(int[] order, int batch, long firstBatch);

    /** Batch {@code b} of the epoch begun last; batches are asked for in order. */
    Batch next(long b);

    @Override
    void close();
}
