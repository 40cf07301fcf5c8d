/**
 * The float64 CPU reference device: off-heap column-major matrices, OpenBLAS products through
 * JavaCPP (a plain Java backend where the natives are missing), and the elementwise kernels as
 * plain loops split over threads.
 */
package io.densetrain.device.cpu;
