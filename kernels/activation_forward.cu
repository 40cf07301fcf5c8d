// Forward activations, fused with the bias add. Twin: CpuDevice.biasActivationForward.
//   Z (rows, cols) column-major, b (rows, 1), A (rows, cols)
//   Z[i,j] += b[i];  A[i,j] = g(Z[i,j])
#include "common.cuh"

// g in {RELU, TANH, LINEAR, SIGMOID}: relu max(0,z), tanh, linear z, sigmoid 1/(1+e^-z). n = rows*cols.
extern "C" __global__ void bias_activation_forward(float* z, const float* b, float* a, int rows,
                                                   long long n, int g) {
    GRID_STRIDE(idx, n) {
        float v = z[idx] + b[idx % rows];
        z[idx] = v;
        float out;
        switch (g) {
            case ACT_RELU: out = v > 0.0f ? v : 0.0f; break;
            case ACT_TANH: out = tanhf(v); break;
            case ACT_SIGMOID: out = 1.0f / (1.0f + expf(-v)); break;
            default: out = v; break;
        }
        a[idx] = out;
    }
}

// SOFTMAX, one thread per column j:
//   Z[:,j] += b;  A[:,j] = exp(Z[:,j] - max) / sum(exp(Z[:,j] - max))
extern "C" __global__ void bias_softmax_forward(float* z, const float* b, float* a, int rows, int cols) {
    GRID_STRIDE(j, (long long) cols) {
        float* zj = z + j * rows;
        float* aj = a + j * rows;
        float max = -INFINITY;
        for (int i = 0; i < rows; i++) {
            float v = zj[i] + b[i];
            zj[i] = v;
            max = fmaxf(max, v);
        }
        float sum = 0.0f;
        for (int i = 0; i < rows; i++) {
            float e = expf(zj[i] - max);
            aj[i] = e;
            sum += e;
        }
        for (int i = 0; i < rows; i++) aj[i] = aj[i] / sum;
    }
}
