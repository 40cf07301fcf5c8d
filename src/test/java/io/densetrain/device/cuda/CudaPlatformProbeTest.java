package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Any failure while opening the platform becomes the one-line unusable reason, never an escaping exception. */
class CudaPlatformProbeTest {
    @Test
    void aDriverCallFailureDuringOpenIsAOneLineReason() {
        Object r = CudaPlatform.probe(() -> {
            throw new CudaPlatform.CudaFailure("cuDevicePrimaryCtxRetain failed: CUDA_ERROR_OUT_OF_MEMORY", 2);
        });
        CudaUnavailableException e = assertInstanceOf(CudaUnavailableException.class, r);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("opening the CUDA device failed: cuDevicePrimaryCtxRetain failed: CUDA_ERROR_OUT_OF_MEMORY"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--device cpu"), e.getMessage());
    }

    @Test
    void aLinkageErrorDuringOpenIsAOneLineReasonToo() {
        Object r = CudaPlatform.probe(() -> {
            throw new UnsatisfiedLinkError("libJCudaDriver.so: undefined symbol: cuCtxCreate_v4\nsecond line");
        });
        CudaUnavailableException e = assertInstanceOf(CudaUnavailableException.class, r);
        assertEquals("opening the CUDA device failed: libJCudaDriver.so: undefined symbol: cuCtxCreate_v4"
                + " (check nvidia-smi; DENSETRAIN_CUDA_SYNC=1 and native-check give details) or use --device cpu", e.getMessage());
    }

    @Test
    void anUnavailableReasonPassesThroughUnchanged() {
        CudaUnavailableException given = new CudaUnavailableException("no NVIDIA driver (libcuda.so.1 not found): …");
        assertSame(given, CudaPlatform.probe(() -> {
            throw given;
        }));
    }
}
