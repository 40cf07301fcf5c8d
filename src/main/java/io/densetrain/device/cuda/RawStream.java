package io.densetrain.device.cuda;

import jcuda.driver.CUstream;

/** A {@link CUstream} whose raw handle ({@code cudaStream_t}) can be handed to the FFM cuBLAS binding. */
final class RawStream extends CUstream {
    long address() {
        return getNativePointer();
    }
}
