package io.densetrain.run;

import io.densetrain.data.Splits;
import io.densetrain.device.DeviceSelector;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Regularization;
import io.densetrain.train.DataPlacement;

/**
 * A run as set up just before its first update: the device chosen, the (normalized) sets, the architecture and
 * regularization in use, where the training set lives, and the update a resumed run continues from (−1 for a
 * fresh run).
 */
public record RunSetup(DeviceSelector.Selection selection, Splits splits, Architecture architecture,
                       Regularization regularization, DataPlacement placement, long resumedAt) {
    /** The device's one-line description. */
    public String device() {
        return selection.device().describe();
    }
}
