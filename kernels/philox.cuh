// Philox4x32-10 (Salmon et al., SC'11), the twin of io.densetrain.device.Philox: ten rounds of
//   (c0,c1,c2,c3) -> (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0))
// with the key bumped by (W0, W1) between rounds. Matches the Random123 known-answer vectors.
// No cuRAND header or library is needed.
#pragma once

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

struct uint4x { unsigned int x, y, z, w; };

__device__ __forceinline__ uint4x philox4x32_10(unsigned int c0, unsigned int c1, unsigned int c2,
                                                unsigned int c3, unsigned int k0, unsigned int k1) {
#pragma unroll
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        unsigned int hi0 = __umulhi(PHILOX_M0, c0), lo0 = PHILOX_M0 * c0;
        unsigned int hi1 = __umulhi(PHILOX_M1, c2), lo1 = PHILOX_M1 * c2;
        unsigned int n0 = hi1 ^ c1 ^ k0;
        unsigned int n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
    }
    uint4x r = {c0, c1, c2, c3};
    return r;
}

// cuRAND's uniform mapping, u = x * 2^-32 + 2^-33 in float, a value in (0, 1]. The multiply and the
// add are rounded separately (no FMA contraction), exactly as io.densetrain.device.Philox.uniform.
__device__ __forceinline__ float philox_uniform(unsigned int x) {
    return __fadd_rn(__fmul_rn(__uint2float_rn(x), 2.3283064365386963e-10f), 1.1641532182693481e-10f);
}

// Element g of the dropout stream for seed (k0 = lo, k1 = hi): io.densetrain.device.DropoutStream.
//   j = g / 4,  u(g) = uniform(Philox(ctr = (lo(j >> 16), hi(j >> 16), j & 0xFFFF, 0), key)[g mod 4])
// Returns the block of quad j (elements 4j .. 4j+3).
__device__ __forceinline__ uint4x dropout_stream_quad(unsigned long long j, unsigned int k0, unsigned int k1) {
    unsigned long long hi = j >> 16;
    return philox4x32_10((unsigned int) hi, (unsigned int) (hi >> 32), (unsigned int) (j & 0xFFFFull), 0u, k0, k1);
}

__device__ __forceinline__ unsigned int lane_of(uint4x b, int lane) {
    return lane == 0 ? b.x : lane == 1 ? b.y : lane == 2 ? b.z : b.w;
}
