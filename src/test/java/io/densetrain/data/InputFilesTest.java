package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.densetrain.BadInputException;
import io.densetrain.InputFiles;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an input path that cannot be read becomes: one line naming it and the fix. The permission check
 * itself needs a non-root user (root reads mode-000 files), so the mapping of the JDK's
 * AccessDeniedException, which every loader goes through, is checked here directly.
 */
class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void anAccessDeniedReadIsPermissionDeniedWithTheFix() {
        Path file = dir.resolve("secret.csv");
        assertEquals(file + ": permission denied; make it readable (chmod u+r) or give another file",
                InputFiles.unreadable(file, new AccessDeniedException(file.toString())).getMessage());
        assertEquals(file + ": no such file (it was removed while reading); give the file again",
                InputFiles.unreadable(file, new NoSuchFileException(file.toString())).getMessage());
    }

    @Test
    void foldersAndMissingFilesAreNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("data.csv"));
        assertEquals(folder + " is a folder, not a file; give a CSV file",
                assertThrows(BadInputException.class, () -> InputFiles.requireRegularFile(folder, "a CSV file")).getMessage());
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file; give a CSV file",
                assertThrows(BadInputException.class, () -> InputFiles.requireRegularFile(missing, "a CSV file")).getMessage());
    }
}
