package io.densetrain.train;

import io.densetrain.BadInputException;
import io.densetrain.device.Device;
import io.densetrain.nn.Network;

/**
 * Whether the training set is uploaded to the device once (resident) or kept on the host and streamed
 * batch by batch ({@link StreamedBatches}), decided before anything is allocated by a byte estimate
 * against the memory budget (the device's {@link Device#freeBytes}, or less when the user caps it),
 * measured after θ, dθ and the dev and test sets are on the device. With e bytes per element
 * ({@link Device#elementBytes}), P parameters, s optimizer state buffers (gd 0, momentum/rmsprop 1,
 * adam 2, plus 1 for early stopping's best θ), w workspace elements per example
 * ({@link Network#workspaceElementsPerExample}), batch B (m in full-batch mode) and d the larger of the dev
 * and test sets (they are evaluated whole; the network then allocates a workspace of their width beside
 * the batch's, so both are counted):
 * <pre>
 *   resident = e·[(n_x + n_y)·m + (n_x + n_y)·B' + w·(B + d) + s·P]     (B' = 0 in full-batch mode)
 *   streamed = e·[(n_x + n_y)·B + w·(B + d) + s·P]
 * </pre>
 * The data are resident when {@code resident ≤ budget}. Full-batch training needs them resident; when
 * they do not fit, the error names the largest batch whose streamed estimate fits.
 */
public record DataPlacement(boolean streamed, long dataBytes, long residentBytes, long budgetBytes, int batch) {

    /**
     * Decides for {@code plan} with m training examples and {@code evaluated} the larger of the dev and test
     * sets, against {@code budgetBytes}.
     */
    public static DataPlacement decide(Network network, TrainPlan plan, int nx, int ny, int m, int evaluated,
                                       long budgetBytes) {
        Estimate estimate = new Estimate(network, plan, nx, ny, evaluated);
        int batch = plan.effectiveBatch(m);
        boolean full = plan.batchSize() == 0;
        long data = estimate.bytes((long) (nx + ny) * m);
        long resident = estimate.resident(m, batch, full);
        if (resident <= budgetBytes) {
            return new DataPlacement(false, data, resident, budgetBytes, batch);
        }
        int fits = estimate.largestStreamedBatch(m, budgetBytes);
        String what = String.format("the training set (X %dx%d and Y %dx%d, %s) does not fit in %s of %s memory beside the"
                + " network's workspace (%s needed)", nx, m, ny, m, mib(data), mib(budgetBytes),
                network.device().kind().equals("cuda") ? "GPU" : "device", mib(resident));
        if (fits == 0) {
            throw new BadInputException(what + ", and not even a batch of 1 example fits streamed: use a smaller network or dev/test set,"
                    + " or device (--device) cpu");
        }
        if (full) {
            throw new BadInputException(what + ": full-batch training keeps it on the device; add batchSize (--batch-size) "
                    + Integer.highestOneBit(fits) + " to stream it from the host (a batch of at most " + fits + " examples fits)");
        }
        if (batch > fits) {
            throw new BadInputException(what + ", and a batch of " + batch + " does not fit streamed either: use batchSize (--batch-size) "
                    + Integer.highestOneBit(fits) + " (at most " + fits + " examples fit)");
        }
        return new DataPlacement(true, data, resident, budgetBytes, batch);
    }

    /** One line for the report. */
    public String describe() {
        return streamed
                ? String.format("streamed from the host in batches of %d (%s of data; %s needed resident, %s available)", batch,
                mib(dataBytes), mib(residentBytes), mib(budgetBytes))
                : "resident on the device (" + mib(dataBytes) + ")";
    }

    /** "resident" or "streamed". */
    public String label() {
        return streamed ? "streamed" : "resident";
    }

    static String mib(long bytes) {
        if (bytes == Long.MAX_VALUE) return "unlimited";
        return bytes < 1048576 ? String.format("%.1f KiB", bytes / 1024.0) : String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** The formulas above for one network, plan and data shape. */
    private static final class Estimate {
        private final int elementBytes, nx, ny, dev;
        private final long workspacePerExample, stateElements;

        Estimate(Network network, TrainPlan plan, int nx, int ny, int dev) {
            this.elementBytes = network.device().elementBytes();
            this.nx = nx;
            this.ny = ny;
            this.dev = dev;
            this.workspacePerExample = network.workspaceElementsPerExample();
            int slots = switch (plan.optimizer().kind()) {
                case GD -> 0;
                case MOMENTUM, RMSPROP -> 1;
                case ADAM -> 2;
            } + (plan.earlyStopping() != null && plan.earlyStopping().restoreBest() ? 1 : 0);
            this.stateElements = slots * network.layout().total();
        }

        long bytes(long elements) {
            return elements * elementBytes;
        }

        long resident(int m, int batch, boolean full) {
            return bytes((long) (nx + ny) * m + (full ? 0 : (long) (nx + ny) * batch) + workspacePerExample * ((long) batch + dev)
                    + stateElements);
        }

        long streamed(int batch) {
            return bytes((long) (nx + ny) * batch + workspacePerExample * ((long) batch + dev) + stateElements);
        }

        /** The largest B in [1, m] with streamed(B) ≤ budget, 0 if none (streamed is increasing in B). */
        int largestStreamedBatch(int m, long budget) {
            int lo = 0, hi = m;
            while (lo < hi) {
                int mid = lo + (hi - lo + 1) / 2;
                if (streamed(mid) <= budget) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }
    }
}
