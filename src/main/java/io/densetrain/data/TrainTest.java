package io.densetrain.data;

/** The train and test sets a data source gives (a generator, a file with its test file), before any dev split. */
public record TrainTest(Dataset train, Dataset test) {
}
