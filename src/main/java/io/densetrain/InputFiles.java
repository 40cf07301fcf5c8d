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

    /**
     * Whether a folder's name is a data file's (train.csv, x.npy, d.h5, …-ubyte, ….gz): given where a file
     * or an image folder may go, such a folder is a file that is not there, not an image folder.
     */
    public static boolean namedLikeAFile(Path path) {
        return Files.isDirectory(path) && path.getFileName() != null && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .matches(".*(\\.(csv|tsv|txt|h5|hdf5|npy|npz|gz|idx[0-9]?)|-ubyte)");
    }

    /** The one line for a folder where a data file of that name was expected. */
    public static BadInputException folderNotFile(Path path) {
        return new BadInputException(path + " is a folder, not a file; give the CSV, HDF5, IDX, .npy or .npz file itself,"
                + " or an image folder with one sub-folder per class");
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
