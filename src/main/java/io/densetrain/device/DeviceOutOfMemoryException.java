package io.densetrain.device;

/**
 * A device allocation failed for lack of memory. Carries what was asked for and what was free, so that
 * a caller that knows the per-example footprint (the network's workspace) can say which batch fits.
 */
public final class DeviceOutOfMemoryException extends RuntimeException {
    private final long requestedBytes;
    private final long freeBytes;
    private final long totalBytes;

    public DeviceOutOfMemoryException(String device, long requestedBytes, long freeBytes, long totalBytes) {
        super(String.format("out of %s memory: %s requested, %s free of %s", device, mib(requestedBytes), mib(freeBytes),
                mib(totalBytes)));
        this.requestedBytes = requestedBytes;
        this.freeBytes = freeBytes;
        this.totalBytes = totalBytes;
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    public long requestedBytes() {
        return requestedBytes;
    }

    public long freeBytes() {
        return freeBytes;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
