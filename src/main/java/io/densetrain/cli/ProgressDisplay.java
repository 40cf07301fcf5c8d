package io.densetrain.cli;

import io.densetrain.train.CostPoint;
import io.densetrain.train.MiniBatchTrainer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar (me.tongfei progressbar) showing updates done, the last recorded cost and
 * examples per second. {@link #enabled} says when to use one: a terminal on stdout and no --json.
 */
final class ProgressDisplay implements MiniBatchTrainer.Progress, AutoCloseable {
    private ProgressBar bar;
    private double cost = Double.NaN;
    private long examples;
    private final long start = System.nanoTime();

    static boolean enabled(boolean json, boolean noProgress) {
        return !json && !noProgress && System.console() != null;
    }

    /** Shows a recorded cost on the bar. */
    public void onCost(CostPoint point) {
        cost = point.cost();
    }

    @Override
    public void step(long updates, long total, int batchExamples) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
            bar.stepTo(updates - 1);
        }
        examples += batchExamples;
        if (updates % 16 == 0 || updates == total) {
            double seconds = (System.nanoTime() - start) / 1e9;
            bar.setExtraMessage(String.format("cost %.5f  %.0f ex/s", cost, examples / Math.max(seconds, 1e-9)));
            bar.stepTo(updates);
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
