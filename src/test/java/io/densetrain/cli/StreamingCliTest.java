package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code train --device-memory}: a training set that does not fit is streamed, with the resident path's results. */
class StreamingCliTest {
    private static final String[] RUN = {"train", "--data", "moons", "--samples", "20000", "--test-samples", "200",
            "--split", "0.9,0.05,0.05", "--batch-size", "64", "--epochs", "2", "--optimizer", "adam", "--keep-prob", "0.9",
            "--cost-every", "100", "--device", "cpu", "--json"};

    private static CliTest.Run run(String... extra) {
        String[] args = java.util.Arrays.copyOf(RUN, RUN.length + extra.length);
        System.arraycopy(extra, 0, args, RUN.length, extra.length);
        return CliTest.run(args);
    }

    @Test
    void streamedRunReportsItselfAndMatchesTheResidentRunExactly() {
        CliTest.Run resident = run(), streamed = run("--device-memory", "0.8");
        assertEquals(0, resident.code(), resident.err());
        assertEquals(0, streamed.code(), streamed.err());
        JsonObject r = resident.json(), s = streamed.json();
        assertEquals("resident", r.get("data_placement").getAsString());
        assertEquals("streamed", s.get("data_placement").getAsString());
        for (String key : new String[] {"costs", "dev_costs", "final_cost", "train_accuracy", "dev_accuracy", "test_accuracy",
                "iterations"}) {
            assertEquals(r.get(key), s.get(key), key);
        }
    }

    @Test
    void augmentedStreamedRunMatchesTheResidentRunAndMeasuresTrainAccuracyOnTheOriginalPictures() {
        String[] args = {"train", "--data", "shapes", "--test-samples", "50", "--hidden", "32", "--batch-size", "64",
            "--epochs", "3", "--augment", "flip", "--device", "cpu", "--json"};
        CliTest.Run resident = CliTest.run(args);
        String[] budgeted = java.util.Arrays.copyOf(args, args.length + 2);
        budgeted[args.length] = "--device-memory";
        budgeted[args.length + 1] = "1.5";
        CliTest.Run streamed = CliTest.run(budgeted);
        assertEquals(0, resident.code(), resident.err());
        assertEquals(0, streamed.code(), streamed.err());
        assertEquals("streamed", streamed.json().get("data_placement").getAsString());
        for (String key : new String[] {"costs", "final_cost", "train_accuracy", "test_accuracy"}) {
            assertEquals(resident.json().get(key), streamed.json().get(key), key);
        }
    }

    @Test
    void theTextReportSaysWhereTheDataLive() {
        CliTest.Run text = CliTest.run("train", "--data", "moons", "--samples", "20000", "--batch-size", "64", "--epochs", "1",
                "--device", "cpu", "--device-memory", "0.3", "--no-progress");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("placement: training set streamed from the host in batches of 64"), text.out());
    }

    @Test
    void fullBatchThatDoesNotFitAsksForABatchSizeInOneLine() {
        CliTest.Run r = CliTest.run("train", "--data", "moons", "--samples", "20000", "--device", "cpu", "--device-memory", "0.3");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("does not fit in 307.2 KiB of device memory"), line);
        assertTrue(line.matches(".*full-batch training keeps it on the device; add --batch-size \\d+ to stream it from the host"
                + " \\(a batch of at most \\d+ examples fits\\)"), line);
    }

    @Test
    void aNonPositiveBudgetIsBadInput() {
        CliTest.Run r = CliTest.run("train", "--data", "moons", "--device", "cpu", "--device-memory", "0");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("--device-memory must be a positive number of MiB, got 0.0"), r.err());
    }
}
