package io.densetrain.fuzz;

/**
 * The entry point for Jazzer's own driver ({@code com.code_intelligence.jazzer.Jazzer --target_class=…}),
 * which takes libFuzzer flags such as {@code -max_total_time}: the loader is chosen by the system
 * property {@code densetrain.fuzz.target} (safetensors, modelJson, manifest, checkpointJson, csv, hdf5,
 * image, idx, npy, npz). {@code src/test/scripts/fuzz-loaders.sh} runs it for N minutes per loader.
 */
public final class FuzzTarget {
    private static final String TARGET = System.getProperty("densetrain.fuzz.target", "");

    private FuzzTarget() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        switch (TARGET) {
            case "safetensors" -> LoaderTargets.safetensors(data);
            case "modelJson" -> LoaderTargets.modelJson(data);
            case "manifest" -> LoaderTargets.manifest(data);
            case "checkpointJson" -> LoaderTargets.checkpointJson(data);
            case "csv" -> LoaderTargets.csv(data);
            case "hdf5" -> LoaderTargets.hdf5(data);
            case "image" -> LoaderTargets.image(data);
            case "idx" -> LoaderTargets.idx(data);
            case "npy" -> LoaderTargets.npy(data);
            case "npz" -> LoaderTargets.npz(data);
            default -> throw new IllegalArgumentException("set -Ddensetrain.fuzz.target to one of safetensors, modelJson,"
                    + " manifest, checkpointJson, csv, hdf5, image, idx, npy, npz (got '" + TARGET + "')");
        }
    }
}
