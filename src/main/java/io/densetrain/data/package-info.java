/**
 * Datasets in the course's layout (one column per example): CSV, HDF5 and image-folder loaders,
 * the built-in seeded generators, train/dev/test splitting, input normalization with training-set
 * statistics and the dev/test distribution check.
 */
package io.densetrain.data;
