package io.densetrain.device.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A device allocation's base address as JCuda fills it in ({@code cuMemAlloc} sets the native pointer
 * on any {@link CUdeviceptr} subclass), exposing the raw address that the FFM cuBLAS binding and
 * kernel arguments need. Only {@link DeviceBuffer} creates one.
 */
final class DevicePointer extends CUdeviceptr {
    long address() {
        return getNativePointer() + getByteOffset();
    }
}
