package io.densetrain.device.cuda;

import java.util.function.Supplier;

/**
 * A native binding probed once per process: a failed static initializer leaves a JCuda class dead
 * (later touches give {@code NoClassDefFoundError} without the cause), so the first answer is kept
 * (native-check/STACK.md §3.2). The probe returns null when the binding loaded, else one line naming what failed.
 */
final class Probe {
    private final Supplier<String> probe;
    private boolean done;
    private String reason;

    Probe(Supplier<String> probe) {
        this.probe = probe;
    }

    /** Null when the binding is usable, else why not; the probe runs on the first call only. */
    synchronized String unavailableReason() {
        if (!done) {
            done = true;
            reason = probe.get();
        }
        return reason;
    }
}
