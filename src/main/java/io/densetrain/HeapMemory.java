package io.densetrain;

/** How much of the Java heap is left: what the size checks of loaders and networks compare against. */
public final class HeapMemory {
    private HeapMemory() {
    }

    /** Bytes the heap can still grow into: its maximum (-Xmx) less what is in use now. */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }
}
