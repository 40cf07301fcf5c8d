package io.densetrain.device.cpu;

import io.densetrain.device.Matrix;
import java.nio.FloatBuffer;

/**
 * A float32 matrix of the {@link Float32Device} in off-heap memory, so that OpenBLAS's {@code sgemm}
 * reads it in place. Element (i, j) is {@code data.get(offset + i + j·rows)}.
 */
final class Float32Matrix extends Matrix {
    final FloatBuffer data;
    final int offset;
    /** The native handle of this view (a JavaCPP FloatPointer, or a view holding one), or null on the Java path. */
    final Object nativeView;

    Float32Matrix(FloatBuffer data, int offset, Object nativeView, int rows, int cols) {
        super(rows, cols);
        this.data = data;
        this.offset = offset;
        this.nativeView = nativeView;
    }

    int n() {
        return (int) size();
    }
}
