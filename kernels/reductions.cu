// Scalar reductions, the only values a training run reads back (every k iterations). Each *_partial
// kernel writes one double per block; sum_partials adds them in a fixed order into out[0], which
// the host then copies back (8 bytes). Twins: CpuDevice.crossEntropySum / countCorrect / sumOfSquares.
#include "common.cuh"

// Cross-entropy from the logits Z (rows, cols) against Y:
//   SIGMOID (per element): max(z,0) - z*y + log(1 + e^-|z|)
//   SOFTMAX (per column):  logsumexp(Z[:,j]) - sum_k Y[k,j] Z[k,j]
extern "C" __global__ void cross_entropy_partial(const float* z, const float* y, int rows, int cols, int g,
                                                 double* partial) {
    double s = 0.0;
    if (g == ACT_SOFTMAX) {
        GRID_STRIDE(j, (long long) cols) {
            const float* zj = z + j * rows;
            const float* yj = y + j * rows;
            float max = -INFINITY;
            for (int i = 0; i < rows; i++) max = fmaxf(max, zj[i]);
            float e = 0.0f, dot = 0.0f;
            for (int i = 0; i < rows; i++) {
                e += expf(zj[i] - max);
                dot += yj[i] * zj[i];
            }
            s += (double) (max + logf(e) - dot);
        }
    } else {
        GRID_STRIDE(i, (long long) rows * cols) {
            float zv = z[i], yv = y[i];
            s += (double) (fmaxf(zv, 0.0f) - zv * yv + log1pf(expf(-fabsf(zv))));
        }
    }
    double total = block_sum<double>(s);
    if (threadIdx.x == 0) partial[blockIdx.x] = total;
}

// Examples whose prediction matches Y: SIGMOID (a > 0.5) == (y > 0.5); SOFTMAX argmax (first maximum).
extern "C" __global__ void count_correct_partial(const float* a, const float* y, int rows, int cols, int g,
                                                 double* partial) {
    double s = 0.0;
    if (g == ACT_SOFTMAX) {
        GRID_STRIDE(j, (long long) cols) {
            const float* aj = a + j * rows;
            const float* yj = y + j * rows;
            int best = 0, label = 0;
            for (int i = 1; i < rows; i++) {
                if (aj[i] > aj[best]) best = i;
                if (yj[i] > yj[label]) label = i;
            }
            s += best == label ? 1.0 : 0.0;
        }
    } else {
        GRID_STRIDE(i, (long long) rows * cols) {
            s += (a[i] > 0.5f) == (y[i] > 0.5f) ? 1.0 : 0.0;
        }
    }
    double total = block_sum<double>(s);
    if (threadIdx.x == 0) partial[blockIdx.x] = total;
}

//   sum_i x[i]^2, accumulated in double
extern "C" __global__ void sum_squares_partial(const float* x, long long n, double* partial) {
    double s = 0.0;
    GRID_STRIDE(i, n) {
        double v = (double) x[i];
        s += v * v;
    }
    double total = block_sum<double>(s);
    if (threadIdx.x == 0) partial[blockIdx.x] = total;
}

//   out[0] = sum_k partial[k], k < count; launched as one block
extern "C" __global__ void sum_partials(const double* partial, int count, double* out) {
    double s = 0.0;
    for (int k = threadIdx.x; k < count; k += blockDim.x) s += partial[k];
    double total = block_sum<double>(s);
    if (threadIdx.x == 0) out[0] = total;
}
