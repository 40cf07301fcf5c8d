package io.densetrain.augment;

import io.densetrain.train.EpochInputs;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The trainer's {@link EpochInputs} for augmented training: a producer thread computes epoch e+1's
 * pictures while the trainer runs epoch e, into one of two buffers that take turns (the trainer has
 * uploaded epoch e's buffer by the time it asks for e+1, so that buffer is handed back for e+2).
 * Epochs asked for out of order are computed on the caller's thread; the values are the same either
 * way, since {@link Augmenter} is a pure function of (seed, epoch, picture).
 */
public final class AugmentedEpochs implements EpochInputs, AutoCloseable {
    private record Ready(long epoch, double[] features, RuntimeException error) {
    }

    private final Augmenter augmenter;
    private final Consumer<double[]> finish;
    private final BlockingQueue<double[]> free = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Ready> ready = new ArrayBlockingQueue<>(1);
    private final Thread producer;
    private long expected = 0;
    private double[] handedOut;

    public AugmentedEpochs(Augmenter augmenter) {
        this(augmenter, features -> { });
    }

    /**
     * As above; {@code finish} runs on each epoch's features right after augmentation, on the producer
     * thread (input normalization, so the trainer's thread only uploads).
     */
    public AugmentedEpochs(Augmenter augmenter, Consumer<double[]> finish) {
        this.augmenter = augmenter;
        this.finish = finish;
        free.add(new double[augmenter.length()]);
        free.add(new double[augmenter.length()]);
        producer = new Thread(this::produce, "augment-producer");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        try {
            for (long epoch = 0; ; epoch++) {
                double[] buffer = free.take();
                Ready next;
                try {
                    augmenter.fill(epoch, buffer);
                    finish.accept(buffer);
                    next = new Ready(epoch, buffer, null);
                } catch (RuntimeException e) {
                    next = new Ready(epoch, null, e);
                }
                ready.put(next);
                if (next.error() != null) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public double[] featuresFor(long epoch) {
        if (epoch != expected) {
            double[] features = augmenter.epoch(epoch);
            finish.accept(features);
            return features;
        }
        if (handedOut != null) {
            free.add(handedOut);
            handedOut = null;
        }
        Ready next;
        try {
            next = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for augmented epoch " + epoch, e);
        }
        if (next.error() != null) throw next.error();
        expected = epoch + 1;
        handedOut = next.features();
        return handedOut;
    }

    @Override
    public void close() {
        producer.interrupt();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
