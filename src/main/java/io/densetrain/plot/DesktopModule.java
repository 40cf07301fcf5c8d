package io.densetrain.plot;

import io.densetrain.BadInputException;

/**
 * Whether this Java runtime has the {@code java.desktop} module (AWT, ImageIO), which plots, PNG output
 * and picture input need. The GPU bundle's jlinked runtime leaves it out to stay small, so those
 * features answer with one clear line there instead of a {@code NoClassDefFoundError}.
 */
public final class DesktopModule {
    private DesktopModule() {
    }

    /** True when plots, PNG output and picture input can work in this runtime. */
    public static boolean present() {
        return ModuleLayer.boot().findModule("java.desktop").isPresent();
    }

    /** Throws the one-line error naming {@code what} when java.desktop is missing. */
    public static void require(String what) {
        if (!present()) {
            throw new BadInputException(what + " needs the java.desktop module (AWT, ImageIO), which this Java runtime ("
                    + System.getProperty("java.home") + ") does not have, as in the GPU bundle: run it with a full JDK or JRE 17+");
        }
    }
}
