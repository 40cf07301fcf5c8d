// Gradient of the cross-entropy through a sigmoid or softmax output. Twin: CpuDevice.outputGradient.
//   A, Y, dZ (n_L, m), n = n_L*m:   dZ = (A - Y) * scale   (scale = 1/m)
#include "common.cuh"

extern "C" __global__ void output_gradient(const float* a, const float* y, float scale, float* dZ, long long n) {
    GRID_STRIDE(i, n) {
        dZ[i] = (a[i] - y[i]) * scale;
    }
}
