package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HDF5 files built to hurt the loader (issue 14): each is one line, never a StackOverflowError or OOM. */
class Hdf5HostileFilesTest {
    @TempDir
    Path dir;

    @Test
    void groupsNestedFortyDeepAreRefusedByDepthNotByStackOverflow() {
        Path file = dir.resolve("deep.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup g = hdf.putGroup("g0");
            for (int i = 1; i < 40; i++) g = g.putGroup("g" + i);
            g.putDataset("x", new double[][] {{1, 2}, {3, 4}});
        }
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Loader.read(file, "train", null, null));
        assertTrue(e.getMessage().contains("groups nested more than 32 levels deep"), e.getMessage());
    }

    @Test
    void aLyingHeaderFailsFastAsOneLine() throws Exception {
        // the fuzz finding: a header size jhdf used to allocate in full (28 s and an OutOfMemoryError before)
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/io/densetrain/fuzz/LoaderFuzzTestInputs/hdf5/oom_header_size"));
        Path file = Files.write(dir.resolve("lying.h5"), bytes);
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Loader.read(file, "train", null, null));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "took " + (System.nanoTime() - start) / 1e9 + " s");
    }
}
