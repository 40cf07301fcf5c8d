/**
 * The fully connected network: architecture, initialization schemes, one flat θ and dθ with W and
 * b views, forward and backward propagation, and the L2 penalty.
 */
package io.densetrain.nn;
