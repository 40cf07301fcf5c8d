/**
 * Hyperparameter sweeps: a grid or seeded random list of {@link io.densetrain.sweep.Trial}s, each one
 * {@code train} argument list, executed through a {@link io.densetrain.sweep.TrialRunner} (a child JVM per
 * trial by default), resumable from an output folder, reported as a table, JSON, CSV and plots.
 */
package io.densetrain.sweep;
