package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HDF5 in the course's layout: shape, uint8 scaling, numpy's reshape(m, -1).T feature order, bad files. */
class Hdf5LoaderTest {
    static final Path FIXTURE = Path.of("src/test/resources/images/course-layout.h5");

    @TempDir
    Path dir;

    @Test
    void readsTheCourseLayoutWithNumpysFeatureOrder() {
        Hdf5Loader.Loaded loaded = Hdf5Loader.read(FIXTURE, "train", null, null);
        Dataset d = loaded.data();
        assertEquals(new ImageShape(64, 64, 3), loaded.shape());
        assertEquals(12288, d.featureCount());
        assertEquals(4, d.size());
        assertArrayEquals(new int[] {1, 0, 0, 1}, d.labels());
        assertEquals(List.of("non-cat", "cat"), loaded.classNames());
        // Example 1, pixel (row 2, column 3): uint8 (41 + 14 + 9 + 85·ch) mod 256 = 64, 149, 234, at
        // features (2·64 + 3)·3 + ch = 393, 394, 395 of column 1, i.e. X[393 + 1·12288].
        assertEquals(64 / 255.0, d.feature(1, 393), 0);
        assertEquals(149 / 255.0, d.feature(1, 394), 0);
        assertEquals(234 / 255.0, d.feature(1, 395), 0);
        assertEquals(64 / 255.0, d.features()[393 + 12288], 0);
        // The last feature of example 3 is pixel (63, 63, 2): (123 + 441 + 189 + 170) mod 256 = 155.
        assertEquals(155 / 255.0, d.feature(3, 12287), 0);
        // Every value, against the generator's formula.
        for (int j = 0; j < 4; j++)
            for (int r = 0; r < 64; r++)
                for (int c = 0; c < 64; c++)
                    for (int ch = 0; ch < 3; ch++)
                        assertEquals(CourseLayoutFixture.pixel(j, r, c, ch) / 255.0, d.feature(j, (r * 64 + c) * 3 + ch), 0);
    }

    @Test
    void readsH5pysOwnOutputChunkedAndCompressed() {
        // Written by make_h5py_fixture.py beside it: numpy's x.reshape(3, -1)[1, :8] is 50 51 52 52 53 54 54 55.
        ImageSplit split = Hdf5Loader.load(Path.of("src/test/resources/images/h5py-layout.h5"), null, null, null);
        assertEquals(new ImageShape(4, 5, 3), split.shape());
        assertEquals(3, split.train().size());
        double[] expected = {50, 51, 52, 52, 53, 54, 54, 55};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i] / 255, split.train().feature(1, i), 0);
        for (int j = 0; j < 3; j++)
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 5; c++)
                    for (int ch = 0; ch < 3; ch++)
                        assertEquals((50 * j + 10 * r + 2 * c + ch) % 256 / 255.0, split.train().feature(j, (r * 5 + c) * 3 + ch), 0);
        assertArrayEquals(new int[] {0, 1, 1}, split.train().labels());
        assertEquals(List.of("non-cat", "cat"), split.classNames());
    }

    @Test
    void theCommittedFixtureIsWhatTheGeneratorWrites() {
        Path fresh = dir.resolve("fresh.h5");
        CourseLayoutFixture.write(fresh);
        Dataset committed = Hdf5Loader.read(FIXTURE, "train", null, null).data();
        Dataset regenerated = Hdf5Loader.read(fresh, "train", null, null).data();
        assertArrayEquals(regenerated.features(), committed.features());
        assertArrayEquals(regenerated.labels(), committed.labels());
    }

    @Test
    void floatArraysAreTakenAsTheyAreAndLabelsMayBeARow() {
        Path file = write("plain.h5", f -> {
            f.putDataset("features", new double[][] {{0.5, -2.0, 7.25}, {1.0, 300.0, -0.125}});
            f.putDataset("y", new long[][] {{1, 0}});
        });
        Hdf5Loader.Loaded loaded = Hdf5Loader.read(file, "train", null, null);
        assertNull(loaded.shape());
        assertArrayEquals(new double[] {0.5, -2.0, 7.25, 1.0, 300.0, -0.125}, loaded.data().features());
        assertArrayEquals(new int[] {1, 0}, loaded.data().labels());
    }

    @Test
    void namedKeysPickAmongSeveralArrays() {
        Path file = write("keys.h5", f -> {
            f.putDataset("a", new float[][][] {{{0.25f, 0.5f}}, {{0.75f, 1f}}, {{0f, 0f}}});
            f.putDataset("b", new float[][][] {{{9f, 9f}}, {{9f, 9f}}, {{9f, 9f}}});
            f.putDataset("lab", new int[] {0, 1, 1});
        });
        assertThrows(BadInputException.class, () -> Hdf5Loader.read(file, "train", null, null));
        Hdf5Loader.Loaded loaded = Hdf5Loader.read(file, "train", "a", "lab");
        assertEquals(new ImageShape(1, 2, 1), loaded.shape());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 0, 0}, loaded.data().features());
    }

    @Test
    void aMissingArrayListsTheArraysTheFileHas() {
        var e = assertThrows(BadInputException.class, () -> Hdf5Loader.read(FIXTURE, "train", "pictures", "train_set_y"));
        assertTrue(e.getMessage().contains("no array 'pictures'"), e.getMessage());
        assertTrue(e.getMessage().contains("train_set_x (4, 64, 64, 3) uint8"), e.getMessage());
        assertTrue(e.getMessage().contains("train_set_y (4) int64"), e.getMessage());
        assertTrue(e.getMessage().contains("list_classes"), e.getMessage());
    }

    @Test
    void aFirstDimensionThatDiffersFromTheLabelCountSaysBoth() {
        Path file = write("mismatch.h5", f -> {
            f.putDataset("train_set_x", new double[5][2][2]);
            f.putDataset("train_set_y", new long[4]);
        });
        var e = assertThrows(BadInputException.class, () -> Hdf5Loader.read(file, "train", null, null));
        assertTrue(e.getMessage().contains("has 5 examples") && e.getMessage().contains("has 4 labels"), e.getMessage());
    }

    @Test
    void testFilesPickTheirOwnPairAndNonHdf5FilesAreNamed() throws Exception {
        Path both = write("both.h5", f -> {
            f.putDataset("train_set_x", new double[][] {{1, 2}, {3, 4}});
            f.putDataset("train_set_y", new long[] {0, 1});
            f.putDataset("test_set_x", new double[][] {{5, 6}});
            f.putDataset("test_set_y", new long[] {1});
        });
        assertEquals(1, Hdf5Loader.read(both, "test", null, null).data().size());
        assertEquals(2, Hdf5Loader.read(both, "train", null, null).data().size());
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "not hdf5 at all");
        var e = assertThrows(BadInputException.class, () -> Hdf5Loader.read(text, "train", null, null));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());
        var labels = assertThrows(BadInputException.class, () -> Hdf5Loader.read(write("neg.h5", f -> {
            f.putDataset("x", new double[][] {{1, 1}, {2, 2}});
            f.putDataset("y", new double[] {0, 0.5});
        }), "train", null, null));
        assertTrue(labels.getMessage().contains("0.5 at example 2"), labels.getMessage());
    }

    private Path write(String name, Consumer<WritableHdfFile> body) {
        Path file = dir.resolve(name);
        try (WritableHdfFile f = HdfFile.write(file)) {
            body.accept(f);
        }
        return file;
    }
}
