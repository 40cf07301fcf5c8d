package io.densetrain.data;

import io.densetrain.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * New pictures for prediction, read exactly as training folders are: {@link ImageFolderLoader#readImage}
 * (the JDK's image I/O) and {@link Images#toFeatures} (channels, ÷255, bilinear resize to H×W). A folder
 * gives every non-hidden regular file directly in it, in sorted order (sub-folders are not entered);
 * each must be a picture.
 */
public final class PictureFiles {
    private PictureFiles() {
    }

    /**
     * The pictures' feature columns, (n_x, m) column-major, and how many had another size than H×W
     * (those were resized).
     */
    public record Pictures(List<Path> files, double[] features, int resized) {
        public int size() {
            return files.size();
        }
    }

    /** Reads one picture file, or every picture in a folder, for a model whose input is {@code shape}. */
    public static Pictures read(Path fileOrFolder, ImageShape shape) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new BadInputException("the model takes pictures with " + shape.channels() + " channels (" + shape + "), but a"
                    + " picture file can only be converted to 1 (grayscale) or 3 (RGB); predict on feature rows (a CSV) instead");
        }
        List<Path> files = list(fileOrFolder);
        double[] x = new double[files.size() * shape.features()];
        int resized = 0;
        for (int j = 0; j < files.size(); j++) {
            BufferedImage image = ImageFolderLoader.readImage(files.get(j));
            if (image.getHeight() != shape.height() || image.getWidth() != shape.width()) resized++;
            System.arraycopy(Images.toFeatures(image, shape), 0, x, j * shape.features(), shape.features());
        }
        return new Pictures(files, x, resized);
    }

    private static List<Path> list(Path fileOrFolder) {
        if (Files.isRegularFile(fileOrFolder)) return List.of(fileOrFolder);
        if (!Files.isDirectory(fileOrFolder)) {
            throw new BadInputException(fileOrFolder + ": no such file or folder; give a picture or a folder of pictures");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(fileOrFolder)) {
            s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(fileOrFolder + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new BadInputException(fileOrFolder + ": the folder holds no pictures; put PNG, JPEG, GIF or BMP files in it");
        }
        return files;
    }
}
