package io.densetrain.cli;

import io.densetrain.plot.DesktopModule;
import io.densetrain.BadInputException;
import io.densetrain.data.Hdf5Loader;
import io.densetrain.data.ImageFolderLoader;
import io.densetrain.data.ImageShape;
import io.densetrain.data.ImageSplit;
import io.densetrain.data.Shapes;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Image sources, a part of {@link DataOptions}: HDF5 files ({@code --train FILE.h5}), image folders
 * ({@code --train DIR}) and the built-in {@code --data shapes}. Remembers what it loaded, so that the
 * image shape and class names travel on to augmentation and reports.
 */
final class ImageOptions {
    @Option(names = "--x-key", paramLabel = "NAME", description = "HDF5: the array of examples (default: found automatically, e.g. train_set_x).")
    String xKey;

    @Option(names = "--y-key", paramLabel = "NAME", description = "HDF5: the label vector (default: found automatically, e.g. train_set_y).")
    String yKey;

    @Option(names = "--channels", paramLabel = "C", description = "Image folders and shapes: 3 = RGB, 1 = grayscale (folders 3, shapes 1).")
    Integer channels;

    @Option(names = "--image-size", paramLabel = "HxW", description = "Image folders and shapes: pictures are resized to this (folders 64x64, shapes 24x24).")
    String imageSize;

    /** What the last {@link #load} read, or null when the data are not images. */
    ImageSplit loaded;

    /** Whether {@code --train} names an image source (an HDF5 file or a folder) rather than a CSV file. */
    static boolean handles(Path train) {
        return Hdf5Loader.handles(train) || Files.isDirectory(train);
    }

    ImageSplit loadFiles(Path train, Path test) {
        if (Hdf5Loader.handles(train)) {
            if (test != null && !Hdf5Loader.handles(test)) {
                throw new BadInputException(test + ": --train is an HDF5 file, so --test must be one too (.h5)");
            }
            loaded = Hdf5Loader.load(train, test, xKey, yKey);
        } else {
            if (test != null && !Files.isDirectory(test)) {
                throw new BadInputException(test + ": --train is an image folder, so --test must be a folder with the same class sub-folders");
            }
            DesktopModule.require("reading an image folder (" + train + ")");
            int[] size = ImageShape.parseSize(imageSize == null ? "64x64" : imageSize);
            loaded = ImageFolderLoader.load(train, test, channels(3), size[0], size[1]);
        }
        return loaded;
    }

    ImageSplit loadShapes(Integer samples, Integer testSamples, Double noise, Integer classes, long seed) {
        int[] size = ImageShape.parseSize(imageSize == null ? "24x24" : imageSize);
        loaded = Shapes.generate(new Shapes.Spec(samples != null ? samples : 300, testSamples != null ? testSamples : 1000,
                size[0], size[1], channels(1), classes != null ? classes : 3, noise != null ? noise : 0.1, seed));
        return loaded;
    }

    private int channels(int fallback) {
        int c = channels != null ? channels : fallback;
        if (c != 1 && c != 3) {
            throw new BadInputException("--channels must be 1 (grayscale) or 3 (RGB), got " + c);
        }
        return c;
    }
}
