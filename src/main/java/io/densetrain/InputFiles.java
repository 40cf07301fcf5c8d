package io.densetrain;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks made before opening an input: it exists, it is a regular file (a named pipe would block the
 * read forever, a device never ends) or a folder where one is expected, and it is readable. Each failure
 * is one {@link BadInputException} naming the path and what to give instead.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** {@code file} exists, is a regular file and is readable; {@code expected} says what it should be. */
    public static void requireRegularFile(Path file, String expected) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file; give " + expected);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a folder, not a file; give " + expected);
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " is not a regular file (a pipe, socket or device); give " + expected
                    + " saved on disk");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(file + ": permission denied; make it readable (chmod u+r) or give another file");
        }
    }

    /** The one-line error for an I/O failure while reading {@code file}. */
    public static BadInputException unreadable(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new BadInputException(file + ": permission denied; make it readable (chmod u+r) or give another file", e);
        }
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": no such file (it was removed while reading); give the file again", e);
        }
        return new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
}
