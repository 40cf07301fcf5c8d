package io.densetrain.model;

import io.densetrain.data.Normalization;
import io.densetrain.nn.Architecture;
import java.util.List;
import java.util.Map;

/**
 * A trained model as stored on disk: architecture (sizes and hidden activation; the output follows
 * from the last size), the input normalization (identity when off), feature names, optional class
 * names and image input shape [H, W, C] (null when absent), the training configuration as written to
 * model.json, and θ in {@link io.densetrain.nn.ParameterLayout} order.
 */
public record SavedModel(Architecture architecture, boolean normalized, Normalization normalization,
                         List<String> featureNames, List<String> classNames, int[] inputShape,
                         Map<String, Object> training, double[] theta) {
}
