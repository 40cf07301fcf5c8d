/**
 * One run path for the CLI and the Java API: {@link io.densetrain.run.RunSpec} (a checked run description),
 * {@link io.densetrain.run.Runs#execute} (normalization, device and network set-up, training with
 * {@link io.densetrain.train.TrainingListener}s, evaluation, diagnosis, saving) and its
 * {@link io.densetrain.run.RunReport} and {@link io.densetrain.run.History}; {@link io.densetrain.run.Classifier}
 * is the builder-style front for in-memory rows and labels; {@link io.densetrain.run.TrainedModel} predicts with a
 * saved model, {@link io.densetrain.run.ModelInput} reads its inputs from files and
 * {@link io.densetrain.run.GradientChecks} checks backprop of a fresh network.
 */
package io.densetrain.run;
