package io.densetrain.data;

import io.densetrain.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder with one sub-folder per class (torchvision's and DL4J's ImageFolder convention):
 * every file in {@code ROOT/CLASS/} is an image (PNG, JPEG, GIF, BMP through the JDK's image I/O),
 * converted to RGB or grayscale, resized bilinearly to H×W and scaled to [0, 1]. Classes are the
 * sub-folder names in sorted order (label k = k-th name); files are read in sorted order; hidden
 * files (a leading dot) are skipped.
 */
public final class ImageFolderLoader {
    private ImageFolderLoader() {
    }

    /** Train folder and optional test folder; the test folder must have the same classes. */
    public static ImageSplit load(Path train, Path test, int channels, int height, int width) {
        ImageShape shape = new ImageShape(height, width, channels);
        List<String> classes = classes(train);
        Dataset tr = read(train, classes, shape);
        Dataset te = tr.head(0);
        if (test != null) {
            List<String> testClasses = classes(test);
            if (!testClasses.equals(classes)) {
                throw new BadInputException(test + ": classes " + testClasses + " differ from " + train + "'s " + classes
                        + "; give both folders the same class sub-folders");
            }
            te = read(test, classes, shape);
        }
        return new ImageSplit(tr, te, shape, classes);
    }

    /** Sorted class sub-folder names; at least two. */
    public static List<String> classes(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root + ": not a folder; give a folder with one sub-folder of images per class");
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new BadInputException(root + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (names.size() < 2) {
            if (names.isEmpty() && io.densetrain.InputFiles.namedLikeAFile(root)) throw io.densetrain.InputFiles.folderNotFile(root);
            throw new BadInputException(root + ": found " + names.size() + " class sub-folder" + (names.size() == 1 ? " (" + names.get(0) + ")" : "")
                    + " but a classifier needs at least 2; put each class's images in its own sub-folder");
        }
        return names;
    }

    private static Dataset read(Path root, List<String> classes, ImageShape shape) {
        List<double[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            Path dir = root.resolve(classes.get(k));
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new BadInputException(dir + ": cannot list (" + e.getMessage() + ")", e);
            }
            if (files.isEmpty()) {
                throw new BadInputException(dir + ": class folder holds no images; add images or remove the folder");
            }
            for (Path file : files) {
                images.add(Images.toFeatures(readImage(file), shape));
                labels.add(k);
            }
        }
        double[] x = new double[images.size() * shape.features()];
        int[] y = new int[images.size()];
        for (int j = 0; j < y.length; j++) {
            System.arraycopy(images.get(j), 0, x, j * shape.features(), shape.features());
            y[j] = labels.get(j);
        }
        return new Dataset(root.getFileName().toString(), shape.features(), x, y, shape.featureNames());
    }

    /** The most pixels one picture may have (8192 × 4096); larger headers are refused before decoding. */
    static final long MAX_PIXELS = 1L << 25;

    /** One image file; a file image I/O cannot decode is named in the error. */
    public static BufferedImage readImage(Path file) {
        BufferedImage image;
        io.densetrain.InputFiles.requireRegularFile(file, "an image file (PNG, JPEG, GIF or BMP)");
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BadInputException(file + ": not an image the JDK can read; remove it or save it as PNG, JPEG, GIF or BMP");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the header's size, checked in long before decoding: a damaged header can claim 100000×100000
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                long free = io.densetrain.HeapMemory.available();
                if (pixels > MAX_PIXELS || 28 * pixels > free) {
                    throw new BadInputException(file + ": the image claims " + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + " pixels, which need about " + (28 * pixels >> 20) + " MiB to decode (at most " + MAX_PIXELS
                            + " pixels and " + (free >> 20) + " MiB of heap fit); the file is damaged or far too large, resize it");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (OutOfMemoryError e) {
            throw new BadInputException(file + ": decoding the image ran out of memory; the file is damaged or too large, resize it", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) throw bad;
            throw new BadInputException(file + ": unreadable image (" + e.getMessage() + "); remove it or save it as PNG, JPEG, GIF or BMP", e);
        }
        if (image == null) {
            throw new BadInputException(file + ": not an image the JDK can read; remove it or save it as PNG, JPEG, GIF or BMP");
        }
        return image;
    }
}
