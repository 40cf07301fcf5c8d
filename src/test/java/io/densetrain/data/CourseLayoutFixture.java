package io.densetrain.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Generates {@code src/test/resources/images/course-layout.h5}, a tiny file in the course's layout:
 * {@code train_set_x} uint8 (4, 64, 64, 3) with pixel (j, r, c, ch) = {@link #pixel}, {@code train_set_y}
 * = {1, 0, 0, 1}, {@code list_classes} = {non-cat, cat}. Run its main to regenerate; a test checks that
 * the committed file equals a fresh one.
 */
public final class CourseLayoutFixture {
    static final int M = 4, H = 64, W = 64, C = 3;
    static final int[] LABELS = {1, 0, 0, 1};
    static final List<String> CLASSES = List.of("non-cat", "cat");

    private CourseLayoutFixture() {
    }

    /** The uint8 value of pixel (example j, row r, column c, channel ch). */
    static int pixel(int j, int r, int c, int ch) {
        return (j * 41 + r * 7 + c * 3 + ch * 85) % 256;
    }

    static void write(Path out) {
        ImageShape shape = new ImageShape(H, W, C);
        double[] x = new double[M * shape.features()];
        for (int j = 0; j < M; j++)
            for (int r = 0; r < H; r++)
                for (int c = 0; c < W; c++)
                    for (int ch = 0; ch < C; ch++) x[j * shape.features() + shape.index(r, c, ch)] = pixel(j, r, c, ch) / 255.0;
        Hdf5Writer.write(out, "train", new Dataset("fixture", shape.features(), x, LABELS, shape.featureNames()), shape, CLASSES);
    }

    public static void main(String[] args) {
        write(Path.of(args.length > 0 ? args[0] : "src/test/resources/images/course-layout.h5"));
    }
}
