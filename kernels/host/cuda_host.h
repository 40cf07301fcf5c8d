// Compiles the kernels/*.cu sources as plain C++ on the host, for the GPU-less kernel tests
// (KernelEmulationTest): CUDA qualifiers become nothing, shared memory becomes static storage (one
// block runs at a time), and the intrinsics get exact host equivalents. host_driver runs a launch
// block by block with the launch's own block size (256): kernels without shared memory thread by
// thread, the block reductions with every thread of the block as a coroutine (ucontext) that
// __syncthreads() suspends until all of the block's threads have reached it, which is a schedule a
// GPU may run, so block_sum's tree is summed exactly as on the device.
#pragma once
#include <cmath>
#include <cstdint>

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
void host_syncthreads();
#define __syncthreads() host_syncthreads()

struct HostDim3 { unsigned int x, y, z; };
extern HostDim3 threadIdx, blockIdx, blockDim, gridDim;

static inline unsigned int __umulhi(unsigned int a, unsigned int b) {
    return (unsigned int) (((unsigned long long) a * b) >> 32);
}
static inline float __fmul_rn(float a, float b) { volatile float r = a * b; return r; }
static inline float __fadd_rn(float a, float b) { volatile float r = a + b; return r; }
static inline float __uint2float_rn(unsigned int x) { return (float) x; }
