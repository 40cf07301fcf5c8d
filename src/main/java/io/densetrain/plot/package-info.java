/**
 * PNG plots (XChart, headless): cost curves, gradient norms per layer and decision boundaries of
 * 2-D classifiers.
 */
package io.densetrain.plot;
