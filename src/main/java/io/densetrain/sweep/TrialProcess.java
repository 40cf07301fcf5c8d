package io.densetrain.sweep;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of a {@link ProcessTrialRunner} child JVM: {@code io.densetrain.cli.Main} (the real {@code train}),
 * plus a watch on stdin, which the sweep holds open for the child's whole life. When the sweep's JVM dies, even by
 * SIGKILL, the operating system closes that pipe; the child reads end-of-file and halts at once, so no orphaned
 * trial keeps training, or writing into {@code trials/<id>/model} while the rerun trains the same trial there.
 */
public final class TrialProcess {
    /** The exit status of a trial that stopped because the sweep was gone (128 + SIGHUP, as a shell reports a hang-up). */
    static final int PARENT_GONE = 129;

    private TrialProcess() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Thread watch = new Thread(() -> awaitEndOfFile(System.in), "sweep-parent-watch");
        watch.setDaemon(true); // a trial that finishes exits as train does, without waiting for the pipe
        watch.start();
        Class.forName("io.densetrain.cli.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /** Reads until end-of-file (the sweep closed the pipe or died), then halts: no shutdown hooks, as a kill would. */
    static void awaitEndOfFile(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the sweep writes nothing; anything read is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the same: the sweep is gone
        }
        Runtime.getRuntime().halt(PARENT_GONE);
    }
}
