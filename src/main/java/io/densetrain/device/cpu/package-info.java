/**
 * The float64 CPU reference device: off-heap column-major matrices, OpenBLAS products through
 * JavaCPP (a plain Java backend where the natives are missing), and the elementwise kernels as
 * plain loops split over threads; and {@link io.densetrain.device.cpu.Float32Device}, the same in
 * float32 with sgemm ({@code --precision float32}).
 */
package io.densetrain.device.cpu;
