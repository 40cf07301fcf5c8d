/**
 * densetrain: fully connected deep networks trained on a CUDA GPU or the float64 CPU reference
 * device. Sub-packages depend downward only: cli, experiment → check, train → nn → device; data,
 * model, augment and plot are leaves used by the layers above them.
 */
package io.densetrain;
