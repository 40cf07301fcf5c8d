/**
 * The command line (picocli): options are translated into data, network and training settings, and
 * reports into text or JSON. No training logic lives here.
 */
package io.densetrain.cli;
