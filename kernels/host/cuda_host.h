// Compiles the kernels/*.cu sources as plain C++ on the host, for the GPU-less kernel tests
// (KernelEmulationTest): CUDA qualifiers become nothing, shared memory becomes static storage,
// __syncthreads() a no-op, and the intrinsics get exact host equivalents. Valid because the driver
// runs each launch thread by thread: kernels without shared memory with many threads per block, the
// block reductions with one thread per block (block_sum then sums that one thread's value).
#pragma once
#include <cmath>
#include <cstdint>

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __syncthreads() ((void) 0)

struct HostDim3 { unsigned int x, y, z; };
extern HostDim3 threadIdx, blockIdx, blockDim, gridDim;

static inline unsigned int __umulhi(unsigned int a, unsigned int b) {
    return (unsigned int) (((unsigned long long) a * b) >> 32);
}
static inline float __fmul_rn(float a, float b) { volatile float r = a * b; return r; }
static inline float __fadd_rn(float a, float b) { volatile float r = a + b; return r; }
static inline float __uint2float_rn(unsigned int x) { return (float) x; }
