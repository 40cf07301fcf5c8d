// Mini-batch gathering after a shuffle. Twin: CpuDevice.gatherColumns.
//   src (rows, *), columns (ncols) int indices on the device, dst (rows, ncols):
//   dst[:, k] = src[:, columns[k]]
#include "common.cuh"

extern "C" __global__ void gather_columns(const float* src, const int* columns, int rows, int ncols, float* dst) {
    GRID_STRIDE(idx, (long long) rows * ncols) {
        long long k = idx / rows;
        long long i = idx - k * rows;
        dst[idx] = src[(long long) columns[k] * rows + i];
    }
}
