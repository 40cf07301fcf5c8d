/**
 * Saved models and training checkpoints: safetensors tensors beside JSON metadata, written
 * atomically and validated when read.
 */
package io.densetrain.model;
