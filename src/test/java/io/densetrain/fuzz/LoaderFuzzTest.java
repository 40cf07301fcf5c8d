package io.densetrain.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests, one per loader ({@link LoaderTargets}). Under {@code mvn test} they run in
 * regression mode: each committed seed in {@code src/test/resources/io/densetrain/fuzz/LoaderFuzzTestInputs/<method>/}
 * (and an empty input) must end in a result or the one-line error. With {@code JAZZER_FUZZ=1} Jazzer fuzzes
 * the selected method coverage-guided for {@code maxDuration}; {@link FuzzMain} runs a target for N minutes.
 */
class LoaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void safetensors(byte[] data) {
        LoaderTargets.safetensors(data);
    }

    @FuzzTest(maxDuration = "10m")
    void modelJson(byte[] data) {
        LoaderTargets.modelJson(data);
    }

    @FuzzTest(maxDuration = "10m")
    void manifest(byte[] data) {
        LoaderTargets.manifest(data);
    }

    @FuzzTest(maxDuration = "10m")
    void checkpointJson(byte[] data) {
        LoaderTargets.checkpointJson(data);
    }

    @FuzzTest(maxDuration = "10m")
    void csv(byte[] data) {
        LoaderTargets.csv(data);
    }

    @FuzzTest(maxDuration = "10m")
    void hdf5(byte[] data) {
        LoaderTargets.hdf5(data);
    }

    @FuzzTest(maxDuration = "10m")
    void image(byte[] data) {
        LoaderTargets.image(data);
    }

    @FuzzTest(maxDuration = "10m")
    void idx(byte[] data) {
        LoaderTargets.idx(data);
    }

    @FuzzTest(maxDuration = "10m")
    void npy(byte[] data) {
        LoaderTargets.npy(data);
    }

    @FuzzTest(maxDuration = "10m")
    void npz(byte[] data) {
        LoaderTargets.npz(data);
    }
}
