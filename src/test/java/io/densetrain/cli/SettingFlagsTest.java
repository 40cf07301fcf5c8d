package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.densetrain.SettingException;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainConfig;
import org.junit.jupiter.api.Test;

/** The library names the setting as the Java API does; the CLI prints the same line with its flag. */
class SettingFlagsTest {

    @Test
    void settingsMapToFlags() {
        assertEquals("--lr", SettingFlags.flag("learningRate"));
        assertEquals("--keep-prob", SettingFlags.flag("keepProb"));
        assertEquals("--checkpoint-every", SettingFlags.flag("checkpointEvery"));
        assertEquals("--l2", SettingFlags.flag("l2"));
        assertEquals("--beta1", SettingFlags.flag("beta1"));
        assertEquals("--epsilon-adam", SettingFlags.flag("adamEpsilon"));
        assertEquals("--sample", SettingFlags.flag("samplePerBlock"));
    }

    @Test
    void libraryMessageNamesTheSettingAndTheCliLineTheFlag() {
        SettingException e = assertThrows(SettingException.class, () -> new TrainConfig(-0.5, 10, 1));
        assertEquals("learningRate", e.setting());
        assertEquals("learningRate must be a positive finite learning rate, got -0.5", e.getMessage());
        assertEquals("--lr must be a positive finite learning rate, got -0.5", SettingFlags.message(e));
        SettingException k = assertThrows(SettingException.class, () -> Regularization.of(0, new double[] {0.5, 0.5}, 4));
        assertEquals("keepProb", k.setting());
        HostileInputCliTest.oneLine(CliTest.run("train", "--lr", "-0.5", "--iterations", "1", "--device", "cpu"),
                "densetrain: error: --lr must be a positive finite learning rate, got -0.5");
        HostileInputCliTest.oneLine(CliTest.run("train", "--keep-prob", "0.5,0.5", "--layers", "2,3,3,3,1", "--iterations", "1",
                "--device", "cpu"), "densetrain: error: --keep-prob has 2 values");
    }
}
