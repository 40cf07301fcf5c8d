package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import io.densetrain.data.Dataset;
import io.densetrain.run.Classifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training labels with a gap ({0, 1, 5}): the run goes on with a 6-class softmax and says so once, in every report. */
class LabelGapTest {
    static final String NOTE = "labels 2, 3, 4 never occur in the training labels; the output layer has 6 classes (labels must be 0..K-1)";

    @TempDir
    Path dir;

    /** 60 examples in three clusters at (0,0), (4,0), (0,4) labelled 0, 1 and 5 (or 0, 1, 2 with {@code gap} false). */
    static Dataset clusters(boolean gap) {
        int m = 60;
        double[] x = new double[2 * m];
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            int c = j % 3;
            x[2 * j] = (c == 1 ? 4 : 0) + 0.1 * Math.sin(j);
            x[2 * j + 1] = (c == 2 ? 4 : 0) + 0.1 * Math.cos(j);
            y[j] = c == 2 && gap ? 5 : c;
        }
        return new Dataset("clusters", 2, x, y, List.of("x1", "x2"));
    }

    private Path csv(Dataset d) throws IOException {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        for (int j = 0; j < d.size(); j++) s.append(d.feature(j, 0)).append(',').append(d.feature(j, 1)).append(',').append(d.labels()[j]).append('\n');
        return Files.writeString(dir.resolve("gap.csv"), s);
    }

    @Test
    void theTextReportAndTheJsonNameTheMissingLabelsOnce() throws IOException {
        Path file = csv(clusters(true));
        CliTest.Run text = CliTest.run("train", "--train", file.toString(), "--iterations", "200", "--cost-every", "100", "--device", "cpu");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("note:    " + NOTE), text.out());
        assertEquals(text.out().indexOf("never occur"), text.out().lastIndexOf("never occur"), text.out());

        CliTest.Run json = CliTest.run("train", "--train", file.toString(), "--iterations", "200", "--cost-every", "100", "--device", "cpu",
                "--json");
        assertEquals(0, json.code(), json.err());
        JsonArray notes = json.json().getAsJsonArray("notes");
        assertEquals(1, notes.asList().stream().filter(n -> n.getAsString().contains("never occur")).count(), notes.toString());
        assertTrue(notes.asList().stream().anyMatch(n -> n.getAsString().equals(NOTE)), notes.toString());
        JsonArray layers = json.json().getAsJsonArray("layers"); // [2, 10, 5, 6]: one softmax unit per label 0..5, none refused
        assertEquals(6, layers.get(layers.size() - 1).getAsInt(), layers.toString());
    }

    @Test
    void theJavaApiReportCarriesTheNoteAndContiguousLabelsGetNone() {
        Classifier gap = Classifier.builder().iterations(200).costEvery(100).device("cpu").build();
        Dataset d = clusters(true);
        gap.fit(d, null);
        assertEquals(6, gap.saved().architecture().outputs());
        assertEquals(List.of(NOTE), gap.report().notes().stream().filter(n -> n.contains("never occur")).toList());

        Classifier full = Classifier.builder().iterations(200).costEvery(100).device("cpu").build();
        full.fit(clusters(false), null);
        assertEquals(3, full.saved().architecture().outputs());
        assertFalse(full.report().notes().stream().anyMatch(n -> n.contains("never occur")), full.report().notes().toString());
    }
}
