package io.densetrain.device.cuda;

import io.densetrain.device.Matrix;
import jcuda.driver.CUdeviceptr;

/**
 * A float32 column-major matrix resident on the GPU: {@code rows × cols} elements starting
 * {@code offset} elements into {@code buffer}. Views share the buffer.
 */
final class CudaMatrix extends Matrix {
    final DeviceBuffer buffer;
    final long offset;
    final CudaDevice owner;

    CudaMatrix(CudaDevice owner, DeviceBuffer buffer, long offset, int rows, int cols) {
        super(rows, cols);
        this.owner = owner;
        this.buffer = buffer;
        this.offset = offset;
    }

    /** Raw device address of element (0, 0). */
    long address() {
        return buffer.address(offset);
    }

    CUdeviceptr pointer() {
        return buffer.at(offset);
    }

    /** Leading dimension for cuBLAS: views are contiguous, so it is the row count (at least 1). */
    int ld() {
        return Math.max(1, rows());
    }
}
