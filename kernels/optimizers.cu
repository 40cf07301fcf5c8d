// Parameter updates over the flat θ (n elements), one launch for every parameter.
// Twins: CpuDevice.sgdUpdate / momentumUpdate / adamUpdate / rmspropUpdate.
#include "common.cuh"

//   θ -= lr * dθ
extern "C" __global__ void sgd_update(float* theta, const float* grad, float lr, long long n) {
    GRID_STRIDE(i, n) {
        theta[i] = theta[i] - lr * grad[i];
    }
}

//   v = β v + (1 - β) dθ;   θ -= lr * v
extern "C" __global__ void momentum_update(float* theta, const float* grad, float* v, float beta, float lr, long long n) {
    GRID_STRIDE(i, n) {
        float vi = beta * v[i] + (1.0f - beta) * grad[i];
        v[i] = vi;
        theta[i] = theta[i] - lr * vi;
    }
}

//   m = β1 m + (1 - β1) dθ;  v = β2 v + (1 - β2) dθ²;  θ -= lr * (m / c1) / (sqrt(v / c2) + ε)
//   with c1 = 1 - β1^t and c2 = 1 - β2^t computed on the host
extern "C" __global__ void adam_update(float* theta, const float* grad, float* m, float* v, float beta1, float beta2,
                                       float eps, float lr, float c1, float c2, long long n) {
    GRID_STRIDE(i, n) {
        float g = grad[i];
        float mi = beta1 * m[i] + (1.0f - beta1) * g;
        float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        theta[i] = theta[i] - lr * (mi / c1) / (sqrtf(vi / c2) + eps);
    }
}

//   s = β s + (1 - β) dθ²;   θ -= lr * dθ / (sqrt(s) + ε)
extern "C" __global__ void rmsprop_update(float* theta, const float* grad, float* s, float beta, float eps, float lr,
                                          long long n) {
    GRID_STRIDE(i, n) {
        float g = grad[i];
        float si = beta * s[i] + (1.0f - beta) * g * g;
        s[i] = si;
        theta[i] = theta[i] - lr * g / (sqrtf(si) + eps);
    }
}
