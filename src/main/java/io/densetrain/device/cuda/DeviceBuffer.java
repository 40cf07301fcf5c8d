package io.densetrain.device.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * One device allocation of {@code elements} 4-byte values (float or int), owned and freed by the
 * {@link CudaDevice} that made it. The only way to name device memory: a host array can never be
 * passed where a device pointer goes (native-check/STACK.md §3.3), because every method that reaches the GPU
 * takes a buffer or a {@link CudaMatrix}, never a {@code jcuda.Pointer}.
 */
final class DeviceBuffer {
    final DevicePointer pointer;
    final long elements;
    final int elementBytes;
    private boolean freed;

    DeviceBuffer(DevicePointer pointer, long elements, int elementBytes) {
        this.pointer = pointer;
        this.elements = elements;
        this.elementBytes = elementBytes;
    }

    long bytes() {
        return elements * elementBytes;
    }

    /** The device address of element {@code index}. */
    long address(long index) {
        check();
        return pointer.address() + index * elementBytes;
    }

    /** A JCuda pointer to element {@code index}, for driver and JCublas/JCurand calls. */
    CUdeviceptr at(long index) {
        check();
        return index == 0 ? pointer : pointer.withByteOffset(index * elementBytes);
    }

    boolean isFreed() {
        return freed;
    }

    void markFreed() {
        freed = true;
    }

    private void check() {
        if (freed) {
            throw new IllegalStateException("device buffer used after the CUDA device was closed");
        }
    }
}
