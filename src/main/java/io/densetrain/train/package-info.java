/**
 * Training: full-batch and mini-batch loops, optimizers (gradient descent, momentum, RMSprop,
 * Adam) and learning-rate decay, early stopping, gradient-norm monitoring, the bias/variance
 * diagnosis and how batches reach the device (resident or streamed).
 */
package io.densetrain.train;
