/**
 * The device abstraction the network's mathematics is written against: column-major matrices
 * resident on a device, the kernels every device implements (GEMM, activations, inverted dropout,
 * L2 gradient, optimizers), the Philox dropout stream shared by every device, and device selection
 * with its fallback reason.
 */
package io.densetrain.device;
