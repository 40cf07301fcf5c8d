package io.densetrain.cli;

import io.densetrain.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Output files written beside their target and renamed into place, so an error leaves nothing half-written. */
final class PngFiles {
    private PngFiles() {
    }

    static void writePng(BufferedImage image, Path out) {
        Path tmp = temp(out);
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) throw new IOException("no PNG writer");
            Files.move(tmp, out.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            cleanUp(tmp);
            throw new BadInputException(out + ": cannot write (" + e.getMessage() + "); choose a writable path", e);
        }
    }

    static void writeText(String text, Path out) {
        Path tmp = temp(out);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            cleanUp(tmp);
            throw new BadInputException(out + ": cannot write (" + e.getMessage() + "); choose a writable path", e);
        }
    }

    /** Checks before any work that the file's folder exists, so a long run does not fail at the end. */
    static void checkWritable(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(out + ": folder " + parent + " does not exist; create it or choose another path");
        }
        if (Files.isDirectory(out)) {
            throw new BadInputException(out + ": is a folder; give a file name");
        }
    }

    private static Path temp(Path out) {
        Path abs = out.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp");
    }

    private static void cleanUp(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
