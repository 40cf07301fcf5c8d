package io.densetrain.cli;

import io.densetrain.device.DeviceSelector;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import java.nio.file.Path;

/** A saved model opened on a device for prediction: the network with its weights and the normalization. */
final class LoadedModel implements AutoCloseable {
    final SavedModel saved;
    final DeviceSelector.Selection selection;
    final Network network;
    final Predictor predictor;

    /** Opens the model in {@code dir} on {@code device}; a fallback note goes to {@code err}. */
    LoadedModel(Path dir, String device, int threads, java.io.PrintWriter err) {
        saved = ModelStore.load(dir);
        selection = DeviceSelector.open(device, threads).reportNote(err);
        network = new Network(selection.device(), saved.architecture(), Regularization.none(saved.architecture().depth()), 0);
        network.setParameters(saved.theta());
        predictor = new Predictor(network, saved.normalization());
    }

    @Override
    public void close() {
        selection.device().close();
    }
}
