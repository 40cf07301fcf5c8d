package io.densetrain.data;

import java.util.List;

/**
 * Train and test sets read from images: the image shape (null when the source is a plain 2-D
 * {@code (m, n)} array) and the class names (label k is {@code classNames.get(k)}; empty when the
 * source names none).
 */
public record ImageSplit(Dataset train, Dataset test, ImageShape shape, List<String> classNames) {

    public ImageSplit {
        classNames = List.copyOf(classNames);
    }

    public TrainTest split() {
        return new TrainTest(train, test);
    }
}
