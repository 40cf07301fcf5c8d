package io.densetrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.data.Normalization;
import io.densetrain.device.Activation;
import io.densetrain.nn.Architecture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;

    /** [2, 3, 1]: θ = W1 (3×2, column-major) 1..6, W2 (1×3) 7..9, b1 10..12, b2 13. */
    private static SavedModel model() {
        double[] theta = new double[13];
        for (int i = 0; i < 13; i++) theta[i] = i + 1;
        return new SavedModel(new Architecture(new int[] {2, 3, 1}, Activation.TANH), true,
                new Normalization(new double[] {0.5, -1}, new double[] {2, 3}), List.of("a", "b"), List.of("cat", "dog"),
                null, Map.of("lr", 0.1), theta);
    }

    @Test
    void roundTripKeepsEverything() {
        ModelStore.save(dir.resolve("m"), model());
        SavedModel back = ModelStore.load(dir.resolve("m"));
        assertArrayEquals(model().theta(), back.theta(), 0);
        assertArrayEquals(new int[] {2, 3, 1}, back.architecture().sizes());
        assertEquals(Activation.TANH, back.architecture().hidden());
        assertArrayEquals(new double[] {0.5, -1}, back.normalization().mean(), 0);
        assertArrayEquals(new double[] {2, 3}, back.normalization().std(), 0);
        assertEquals(List.of("a", "b"), back.featureNames());
        assertEquals(List.of("cat", "dog"), back.classNames());
        assertEquals(0.1, ((Number) back.training().get("lr")).doubleValue());
    }

    @Test
    void theTensorsAreTheCoursesRowMajorWInADocumentedSafetensorsFile() throws IOException {
        ModelStore.save(dir.resolve("m"), model());
        byte[] bytes = Files.readAllBytes(ModelDirectory.committedFile(dir.resolve("m"), ModelStore.TENSORS));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"W1\":{\"dtype\":\"F64\",\"shape\":[3,2],\"data_offsets\":[0,48]}"), header);
        // W1 column-major [[1,4],[2,5],[3,6]] is written row by row: 1, 4, 2, 5, 3, 6
        b.position((int) (8 + n));
        double[] first = new double[6];
        for (int i = 0; i < 6; i++) first[i] = b.getDouble();
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, first, 0);
    }

    @Test
    void aTruncatedFileIsOneClearError() throws IOException {
        ModelStore.save(dir.resolve("m"), model());
        Path tensors = ModelDirectory.committedFile(dir.resolve("m"), ModelStore.TENSORS);
        byte[] bytes = Files.readAllBytes(tensors);
        Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(tensors, java.util.Arrays.copyOf(bytes, 5));
        assertTrue(assertThrows(BadInputException.class, () -> ModelStore.load(dir.resolve("m"))).getMessage().contains("truncated"));
    }

    @Test
    void tensorsOfAnotherArchitectureAreRefused() throws IOException {
        ModelStore.save(dir.resolve("m"), model());
        // changed in place: the digest in current.json no longer matches
        Path json = ModelDirectory.committedFile(dir.resolve("m"), ModelStore.METADATA);
        String edited = Files.readString(json).replaceFirst("\"layers\": \\[\\s*2,\\s*3,", "\"layers\": [2, 4,");
        Files.writeString(json, edited);
        BadInputException changed = assertThrows(BadInputException.class, () -> ModelStore.load(dir.resolve("m")));
        assertTrue(changed.getMessage().contains("was changed"), changed.getMessage());
        // committed consistently (digests right) but the tensors are of another architecture
        Map<String, byte[]> files = new java.util.LinkedHashMap<>(ModelStore.encode(model()));
        files.put(ModelStore.METADATA, edited.getBytes(StandardCharsets.UTF_8));
        ModelDirectory.commit(dir.resolve("m"), files);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("another architecture"), e.getMessage());
    }

    @Test
    void aDirectoryOfOtherFilesIsNotOverwritten() throws IOException {
        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("keep.txt"), "precious");
        assertThrows(BadInputException.class, () -> ModelStore.save(other, model()));
        assertEquals("precious", Files.readString(other.resolve("keep.txt")));
        assertEquals(1, Files.list(other).count());
        BadInputException notModel = assertThrows(BadInputException.class, () -> ModelStore.load(other));
        assertTrue(notModel.getMessage().contains("not a model directory"), notModel.getMessage());
    }
}
