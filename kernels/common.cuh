// Shared by every kernel file: grid-stride loops over 64-bit element counts, and the block size
// the launchers use (CudaDevice: 256 threads, at most 8192 blocks).
#pragma once

#define BLOCK 256

// for (i = global thread index; i < n; i += total threads)
#define GRID_STRIDE(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long) blockDim.x * gridDim.x)

// Activation codes: the ordinals of io.densetrain.device.Activation.
#define ACT_RELU 0
#define ACT_TANH 1
#define ACT_LINEAR 2
#define ACT_SIGMOID 3
#define ACT_SOFTMAX 4

// Sums v over the block (blockDim.x == BLOCK) in a fixed order; thread 0 gets the total.
template <typename T>
__device__ T block_sum(T v) {
    __shared__ T shared[BLOCK];
    shared[threadIdx.x] = v;
    __syncthreads();
    for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) shared[threadIdx.x] += shared[threadIdx.x + stride];
        __syncthreads();
    }
    return shared[0];
}
