// Hidden-layer activation gradient, from Z (A may already carry the dropout scaling).
// Twin: CpuDevice.activationBackward.   dA, Z, dZ (rows, cols), n = rows*cols; dZ may be dA.
//   RELU: dZ = dA * (Z > 0);  TANH: dZ = dA * (1 - tanh(Z)^2);  LINEAR: dZ = dA
#include "common.cuh"

extern "C" __global__ void activation_backward(const float* dA, const float* z, float* dZ, long long n, int g) {
    GRID_STRIDE(i, n) {
        float d = dA[i];
        float out;
        switch (g) {
            case ACT_RELU: out = z[i] > 0.0f ? d : 0.0f; break;
            case ACT_TANH: {
                float t = tanhf(z[i]);
                out = d * (1.0f - t * t);
                break;
            }
            default: out = d; break;
        }
        dZ[i] = out;
    }
}
