package io.densetrain.data;

import io.densetrain.model.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an image set in the course's HDF5 layout with jhdf: {@code PREFIX_set_x} uint8
 * {@code (m, H, W, C)}, {@code PREFIX_set_y} int64 {@code (m,)} and {@code list_classes} (strings).
 * Pixels in [0, 1] become {@code round(255·v)} clipped to 0..255. The file is written beside the target
 * and renamed into place, so a failure leaves nothing half-written.
 */
public final class Hdf5Writer {
    private Hdf5Writer() {
    }

    public static void write(Path out, String prefix, Dataset data, ImageShape shape, List<String> classNames) {
        if (data.featureCount() != shape.features()) {
            throw new IllegalArgumentException(data.featureCount() + " features for image shape " + shape);
        }
        int m = data.size();
        byte[][][][] x = new byte[m][shape.height()][shape.width()][shape.channels()];
        for (int j = 0; j < m; j++)
            for (int r = 0; r < shape.height(); r++)
                for (int c = 0; c < shape.width(); c++)
                    for (int ch = 0; ch < shape.channels(); ch++) {
                        double v = data.features()[j * shape.features() + shape.index(r, c, ch)];
                        x[j][r][c][ch] = (byte) (int) Math.max(0, Math.min(255, Math.round(255 * v)));
                    }
        long[] y = new long[m];
        for (int j = 0; j < m; j++) y[j] = data.labels()[j];
        // AtomicFiles: written beside the target, fsynced, renamed; a jhdf failure (HdfWritingException) removes the temporary file
        AtomicFiles.write(out, tmp -> {
            try (WritableHdfFile file = HdfFile.write(tmp)) {
                file.putDataset(prefix + "_set_x", x, DatasetCreationOptions.builder().unsigned().build());
                file.putDataset(prefix + "_set_y", y);
                if (!classNames.isEmpty()) file.putDataset("list_classes", classNames.toArray(String[]::new));
            }
        });
    }
}
