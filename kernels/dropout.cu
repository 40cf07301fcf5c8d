// Inverted dropout. Twins: CpuDevice.dropoutForward / dropoutBackward.
//   A, mask (rows, cols), n = rows*cols;  inv = (float) (1 / keep_prob)
//   D[i] = u(offset + i) < keep;   A[i] = D[i] ? A[i] * inv : 0;   mask[i] = D[i] (0 or 1)
// u is element g of the dropout stream (io.densetrain.device.DropoutStream), a float in (0, 1]; the
// decision is made in float, u < (float) keep_prob, exactly as on the CPU.
#include "common.cuh"
#include "philox.cuh"

// The in-kernel Philox path: one thread per quad of the stream (4 elements per Philox block).
extern "C" __global__ void dropout_forward(float* a, float* mask, long long n, float keep, float inv,
                                           unsigned int seed_lo, unsigned int seed_hi,
                                           unsigned long long offset) {
    unsigned long long first = offset >> 2;
    unsigned long long quads = ((offset + (unsigned long long) n + 3ull) >> 2) - first;
    GRID_STRIDE(q, (long long) quads) {
        unsigned long long j = first + (unsigned long long) q;
        uint4x block = dropout_stream_quad(j, seed_lo, seed_hi);
#pragma unroll
        for (int lane = 0; lane < 4; lane++) {
            unsigned long long g = 4ull * j + lane;
            if (g < offset || g >= offset + (unsigned long long) n) continue;
            long long i = (long long) (g - offset);
            bool kept = philox_uniform(lane_of(block, lane)) < keep;
            mask[i] = kept ? 1.0f : 0.0f;
            a[i] = kept ? a[i] * inv : 0.0f;
        }
    }
}

// The cuRAND path: u[i] already holds stream element offset + i (curandGenerateUniform, Philox4x32-10,
// legacy ordering, generator offset = offset).
extern "C" __global__ void dropout_apply(float* a, float* mask, const float* u, long long n, float keep, float inv) {
    GRID_STRIDE(i, n) {
        bool kept = u[i] < keep;
        mask[i] = kept ? 1.0f : 0.0f;
        a[i] = kept ? a[i] * inv : 0.0f;
    }
}

//   dA[i] = dA[i] * mask[i] * inv
extern "C" __global__ void dropout_backward(float* dA, const float* mask, long long n, float inv) {
    GRID_STRIDE(i, n) {
        dA[i] = dA[i] * mask[i] * inv;
    }
}
