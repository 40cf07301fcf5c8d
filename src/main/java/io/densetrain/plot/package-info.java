/**
 * PNG plots (XChart, headless): cost curves, gradient norms per layer and decision boundaries of
 * 2-D classifiers; {@link io.densetrain.plot.AugmentationGrid}, the grid of original and augmented pictures.
 */
package io.densetrain.plot;
