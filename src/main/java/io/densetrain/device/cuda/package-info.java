/**
 * The CUDA device: JCuda driver API, cuBLAS through JCublas2 (CUDA 12) or the FFM binding (CUDA
 * 13, Java 22+), cuRAND or the in-kernel Philox for dropout uniforms, the project's PTX kernels,
 * native library discovery and the probe that turns every failure into a one-line reason.
 */
package io.densetrain.device.cuda;
