// Bias gradients. Twin: CpuDevice.rowSums.
//   dZ (rows, cols) column-major, db (rows, 1):   db[i] = alpha * sum_j dZ[i,j]
// One block per row (grid-stride over rows); the block's threads stride over the columns and are
// summed in a fixed order, so the result does not depend on scheduling.
#include "common.cuh"

extern "C" __global__ void row_sums(const float* dZ, float alpha, float* db, int rows, int cols) {
    for (int i = blockIdx.x; i < rows; i += gridDim.x) {
        float s = 0.0f;
        for (long long j = threadIdx.x; j < cols; j += blockDim.x) s += dZ[i + j * rows];
        float total = block_sum<float>(s);
        if (threadIdx.x == 0) db[i] = alpha * total;
        __syncthreads();
    }
}
