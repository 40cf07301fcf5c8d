// The L2 term of the weight gradient. Twin: CpuDevice.l2Gradient.
//   dW, W: the weight prefix of dθ and θ, n elements;  dW += c * W   (c = λ/m)
#include "common.cuh"

extern "C" __global__ void l2_gradient(float* dW, const float* w, float c, long long n) {
    GRID_STRIDE(i, n) {
        dW[i] = dW[i] + c * w[i];
    }
}
