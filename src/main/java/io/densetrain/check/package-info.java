/**
 * Numerical checks of the engine: the two-sided gradient check of backprop (flattened θ, per-block
 * differences and the course's verdict bands) and the GPU-versus-CPU parity suite.
 */
package io.densetrain.check;
