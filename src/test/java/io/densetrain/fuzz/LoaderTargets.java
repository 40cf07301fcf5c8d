package io.densetrain.fuzz;

import io.densetrain.BadInputException;
import io.densetrain.data.ArrayFiles;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.FeatureCsv;
import io.densetrain.data.Hdf5Loader;
import io.densetrain.data.IdxLoader;
import io.densetrain.data.ImageFolderLoader;
import io.densetrain.data.NpyLoader;
import io.densetrain.model.CheckpointStore;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SafetensorsAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One fuzz target per loader: the bytes become the file the loader reads (the other files of a model
 * directory are valid, so the fuzzed one is what is tested), and the loader must either return or throw
 * {@link BadInputException}, the one-line error (at most about 2000 characters); any other exception or error escapes and is a finding.
 * Shared by {@link LoaderFuzzTest} (JUnit, seed corpus) and {@link FuzzMain} (timed runs). Files go
 * into one scratch folder per JVM and are rewritten in place, without fsync, to keep executions fast.
 */
public final class LoaderTargets {
    private static final Path SCRATCH;

    static {
        try {
            SCRATCH = Files.createTempDirectory("densetrain-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LoaderTargets() {
    }

    interface Loader {
        void load() throws IOException;
    }

    private static void expectOnlyBadInput(Loader loader) {
        try {
            loader.load();
        } catch (BadInputException expected) {
            if (expected.getMessage() == null || expected.getMessage().contains("\n")) {
                throw new AssertionError("the error must be one line: " + expected.getMessage());
            }
            if (expected.getMessage().length() > 2100) { // BadInputException's own bound: a damaged file cannot make a huge line
                throw new AssertionError("the error line has " + expected.getMessage().length() + " characters: "
                        + expected.getMessage().substring(0, 300));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("scratch file I/O failed", e);
        }
    }

    private static Path write(String name, byte[] data) throws IOException {
        Path p = SCRATCH.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return p;
    }

    public static void safetensors(byte[] data) {
        expectOnlyBadInput(() -> SafetensorsAccess.decode(data, Path.of("fuzz.safetensors")));
    }

    /** model.json fuzzed beside a valid model.safetensors, in the layout before the commit point (read directly). */
    public static void modelJson(byte[] data) {
        expectOnlyBadInput(() -> {
            Path dir = SCRATCH.resolve("legacy");
            write("legacy/model.safetensors", Seeds.modelFiles().get("model.safetensors"));
            write("legacy/model.json", data);
            ModelStore.load(dir);
        });
    }

    /** current.json fuzzed, with a valid generation g000001 beside it. */
    public static void manifest(byte[] data) {
        expectOnlyBadInput(() -> {
            Path dir = SCRATCH.resolve("manifest");
            for (var f : Seeds.modelFiles().entrySet()) write("manifest/g000001/" + f.getKey(), f.getValue());
            write("manifest/current.json", data);
            ModelStore.load(dir);
        });
    }

    /** checkpoint.json fuzzed inside a committed generation whose manifest carries the fuzzed file's digest. */
    public static void checkpointJson(byte[] data) {
        expectOnlyBadInput(() -> {
            Map<String, byte[]> files = new java.util.LinkedHashMap<>(Seeds.checkpointFiles());
            files.put(CheckpointStore.STATE, data);
            StringBuilder m = new StringBuilder("{\"format\": \"densetrain-dir-1\", \"generation\": \"g000001\", \"files\": {");
            String sep = "";
            for (var f : files.entrySet()) {
                write("ck/g000001/" + f.getKey(), f.getValue());
                m.append(sep).append('"').append(f.getKey()).append("\": {\"bytes\": ").append(f.getValue().length)
                        .append(", \"sha256\": \"").append(sha256(f.getValue())).append("\"}");
                sep = ", ";
            }
            write("ck/current.json", m.append("}}").toString().getBytes(StandardCharsets.UTF_8));
            CheckpointStore.load(SCRATCH.resolve("ck"), Seeds.IDENTITY, Double.NaN);
        });
    }

    /** A training CSV (train --train) and the same bytes as predict input (the model's columns x1, x2). */
    public static void csv(byte[] data) {
        expectOnlyBadInput(() -> CsvLoader.load(write("data.csv", data), null));
        expectOnlyBadInput(() -> FeatureCsv.read(write("input.csv", data), List.of("x1", "x2")));
    }

    public static void hdf5(byte[] data) {
        expectOnlyBadInput(() -> Hdf5Loader.read(write("data.h5", data), "train", null, null));
    }

    /** One picture of an image folder with two classes (the other picture valid), read at 4×4 RGB. */
    public static void image(byte[] data) {
        expectOnlyBadInput(() -> {
            write("images/a/1.png", Seeds.png());
            write("images/b/2.png", data);
            ImageFolderLoader.load(SCRATCH.resolve("images"), null, 3, 4, 4);
        });
    }

    /** IDX images (raw or gzip, found by the magic bytes) with a valid labels file beside them, and alone. */
    public static void idx(byte[] data) {
        expectOnlyBadInput(() -> {
            Path images = write("idx/images-idx3-ubyte", data);
            ArrayFiles.read(images, write("idx/labels-idx1-ubyte", Seeds.idxLabels()), "train", null, null);
        });
        expectOnlyBadInput(() -> IdxLoader.read(write("idx/any-idx-ubyte", data)));
    }

    /** A .npy X with valid labels, and the same bytes as labels. */
    public static void npy(byte[] data) {
        expectOnlyBadInput(() -> ArrayFiles.read(write("npy/x.npy", data), write("npy/y.npy", Seeds.npyLabels()), "train", null, null));
        expectOnlyBadInput(() -> NpyLoader.parse("fuzz.npy", data));
    }

    /** An .npz archive read as training data with its x_test (Keras layout). */
    public static void npz(byte[] data) {
        expectOnlyBadInput(() -> ArrayFiles.load(write("npz/data.npz", data), null, null, null, null, null));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
