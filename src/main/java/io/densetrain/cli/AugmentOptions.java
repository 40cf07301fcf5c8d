package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.augment.AugmentSpec;
import io.densetrain.data.ImageShape;
import picocli.CommandLine.Option;

/** {@code --augment LIST} and its seed: data augmentation of the training pictures. */
final class AugmentOptions {
    @Option(names = "--augment", paramLabel = "LIST",
            description = "Augment the training pictures afresh every iteration, e.g. flip,shift=4,rotate=10,brightness=0.1 "
                    + "(" + AugmentSpec.HELP + "; default none). Never applied to test data.")
    String augment;

    @Option(names = "--augment-seed", paramLabel = "S", description = "Seed of the augmentation draws (default 1).")
    long augmentSeed = 1;

    AugmentSpec spec() {
        return AugmentSpec.parse(augment);
    }

    /** The parsed list, checked to fit the loaded pictures; {@code shape} null means the data are not images. */
    AugmentSpec specFor(ImageShape shape) {
        AugmentSpec spec = spec();
        if (!spec.isEmpty()) {
            if (shape == null) {
                throw new BadInputException("--augment needs pictures: use --data shapes, an HDF5 file of images (m, H, W, C) or an image folder");
            }
            spec.checkFits(shape);
        }
        return spec;
    }
}
