package io.densetrain.run;

import io.densetrain.BadInputException;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.ParameterLayout;

/**
 * Java-heap arithmetic for the CPU device, done in long before anything is allocated: a run needs
 * about 8 bytes × (8·P + 4·U·B + 2·U·E), with P parameters (θ, dθ, up to two optimizer buffers, the best
 * θ of early stopping and the copies a checkpoint encodes), U the units of all layers, B the examples of
 * a batch (Z, A, dA, dZ of each layer) and E those of the larger evaluation set (Z and A). What fits is
 * the heap's maximum less what is in use.
 */
public final class HostMemory {
    private HostMemory() {
    }

    /** Throws {@link BadInputException} when the network and its batches cannot fit in the Java heap. */
    public static void checkNetwork(Architecture a, int batch, int evaluated) {
        long p = new ParameterLayout(a).total();
        long units = 0;
        for (int s : a.sizes()) units += s;
        long needed = 8 * (8 * p + 4 * units * batch + 2 * units * evaluated);
        if (needed > available()) {
            System.gc(); // count only what is live
            if (needed > available()) {
                throw new BadInputException("the network " + a + " (" + p + " parameters) with batches of " + batch + " examples needs"
                        + " about " + gib(needed) + " of memory on the CPU device, " + gib(available()) + " fits in the Java heap;"
                        + " use smaller layers or batchSize (--batch-size), or give java more memory (java -Xmx…)");
            }
        }
    }

    static long available() {
        return io.densetrain.HeapMemory.available();
    }

    /** The one line for an OutOfMemoryError that got past the estimates. */
    public static String outOfMemory() {
        return "out of memory: the Java heap (at most " + gib(Runtime.getRuntime().maxMemory()) + ") cannot hold this run's"
                + " network and data; use smaller layers, batchSize (--batch-size) or fewer examples, or give java more memory (java -Xmx…)";
    }

    static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
