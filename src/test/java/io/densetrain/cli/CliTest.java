package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end: JSON reports, exit codes, one-line errors. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainPrintsTheDocumentedJson() {
        Run r = run("train", "--data", "circles", "--iterations", "2000", "--lr", "0.05", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject j = r.json();
        for (String key : new String[] {"device", "layers", "iterations", "train_accuracy", "test_accuracy", "first_cost",
                "final_cost", "seconds"}) {
            assertTrue(j.has(key), "missing " + key + " in " + r.out());
        }
        assertEquals("[2,10,5,1]", j.get("layers").toString());
        assertEquals(2000, j.get("iterations").getAsInt());
        assertTrue(j.get("final_cost").getAsDouble() < j.get("first_cost").getAsDouble());
        assertTrue(j.get("device").getAsString().startsWith("cpu"));
    }

    @Test
    void autoFallsBackToTheCpuWithOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.densetrain.device.cuda.CudaDevice.unavailableReason() != null,
                "a usable GPU is present: auto does not fall back");
        Run r = run("train", "--iterations", "10", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("device auto: using the CPU because"), r.err());
    }

    @Test
    void experimentsSayWhenAutoFellBackToo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.densetrain.device.cuda.CudaDevice.unavailableReason() != null,
                "a usable GPU is present: auto does not fall back");
        Run r = run("experiment", "vanishing", "--out", dir.resolve("v").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("device auto: using the CPU because"), r.err());
    }

    @Test
    void gradcheckOnTheCourseNetworkPasses() {
        Run r = run("gradcheck", "--data", "blobs", "--features", "4", "--noise", "8", "--layers", "4,5,3,1",
                "--l2", "0.7", "--init", "random", "--init-scale", "1", "--examples", "3", "--json");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonObject j = r.json();
        assertTrue(j.get("difference").getAsDouble() <= 2e-7, r.out());
        assertEquals(6, j.getAsJsonObject("blocks").size());
        assertEquals("correct", j.get("verdict").getAsString());
    }

    @Test
    void gradcheckRefusesDropoutAndChecksAfterTraining() {
        Run refused = run("gradcheck", "--keep-prob", "0.8");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("keep_prob = 1"), refused.err());
        Run twice = run("gradcheck", "--at", "0,200", "--lr", "0.1", "--sample", "4", "--json");
        assertEquals(0, twice.code(), twice.err());
        assertEquals(2, twice.json().getAsJsonArray("checks").size());
    }

    @Test
    void badInputGetsOneLineAndExitTwo() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x1,x2,y\n1,2,0\n1,oops,1\n");
        String[][] cases = {
            {"train", "--train", bad.toString()},
            {"train", "--keep-prob", "1.5"},
            {"train", "--l2", "-1"},
            {"train", "--lr", "-0.1"},
            {"train", "--layers", "3,5,1"},
            {"train", "--data", "swissroll"}, // spirals became a built-in generator (issue 4)
            {"train", "--init", "uniform"},
            {"train", "--iterations", "many"},
            {"train", "--device", "tpu"},
            {"train", "--device", "cuda"},
        };
        for (String[] args : cases) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("densetrain: error: "), r.err());
        }
        assertTrue(run("train", "--train", bad.toString()).err().contains("bad.csv, line 3, column 'x2'"));
    }

    @Test
    void csvTrainingAndSoftmax() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,class\n");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            csv.append(c * 3 + r.nextGaussian() * 0.3).append(',').append(-c + r.nextGaussian() * 0.3).append(',').append(c).append('\n');
        }
        Path train = dir.resolve("train.csv");
        Files.writeString(train, csv);
        Run run = run("train", "--train", train.toString(), "--test", train.toString(), "--label", "class",
                "--hidden", "8", "--lr", "0.1", "--iterations", "1000", "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("[2,8,3]", run.json().get("layers").toString());
        assertEquals("softmax", run.json().get("output").getAsString());
        assertTrue(run.json().get("test_accuracy").getAsDouble() > 0.95, run.out());
    }
}
