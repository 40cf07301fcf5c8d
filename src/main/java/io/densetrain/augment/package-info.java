/**
 * Data augmentation of image inputs: the transforms (flip, shift, rotate, brightness, contrast,
 * noise, padding), their parsed specification, and the producer thread that prepares each epoch's
 * augmented pictures while the device trains the previous one.
 */
package io.densetrain.augment;
