package io.densetrain.model;

import java.nio.file.Path;

/** Test access to the package-private {@link Safetensors} decoder from other packages (the fuzz targets). */
public final class SafetensorsAccess {
    private SafetensorsAccess() {
    }

    /** {@link Safetensors#decode}: the tensors of a file's bytes, or one BadInputException line. */
    public static int decode(byte[] data, Path file) {
        return Safetensors.decode(data, file).size();
    }
}
