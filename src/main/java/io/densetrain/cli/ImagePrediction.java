package io.densetrain.cli;

import io.densetrain.plot.DesktopModule;
import io.densetrain.data.ImageShape;
import io.densetrain.data.PictureFiles;
import io.densetrain.run.ModelInput;
import io.densetrain.run.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code predict --image FILE|FOLDER}: pictures read and resized to the model's (H, W, C) as training
 * folders are, normalized with the model's statistics, and printed as {@code file  class  probability}
 * (or one JSON object). Everything is read before anything is printed, so bad input prints nothing.
 */
final class ImagePrediction {
    private ImagePrediction() {
    }

    static void run(TrainedModel loaded, Path modelDir, Path image, boolean json, PrintWriter out, PrintWriter err) {
        ImageShape shape = ModelInput.imageShape(loaded.saved(), modelDir);
        DesktopModule.require("predict --image");
        PictureFiles.Pictures pictures = PictureFiles.read(image, shape);
        int m = pictures.size(), outputs = loaded.architecture().outputs();
        double[] a = loaded.outputs(pictures.features(), m);
        int[] classes = TrainedModel.classes(a, outputs, m);
        String note = pictures.resized() == 0 ? null : pictures.resized() + " of " + m + " picture" + (m == 1 ? "" : "s") + (pictures.resized() == 1 ? " is" : " are")
                + " not " + shape.height() + "x" + shape.width() + "; resized bilinearly to the model's " + shape.height() + "x"
                + shape.width() + " as training pictures are";
        if (note != null) {
            err.println("note: " + note);
            err.flush();
        }
        List<String> files = pictures.files().stream().map(Path::toString).toList();
        List<String> labels = new ArrayList<>();
        double[] p = new double[m];
        for (int j = 0; j < m; j++) {
            labels.add(loaded.label(classes[j]));
            p[j] = probability(a, outputs, classes[j], j);
        }
        if (json) {
            out.println(Json.write(report(modelDir, shape, files, labels, p, note)));
        } else {
            int fileWidth = Math.max(4, files.stream().mapToInt(String::length).max().orElse(0));
            int labelWidth = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(0));
            String row = "%-" + fileWidth + "s  %-" + labelWidth + "s  %s%n";
            out.printf(row, "file", "class", "probability");
            for (int j = 0; j < m; j++) out.printf(row, files.get(j), labels.get(j), String.format(java.util.Locale.ROOT, "%.6f", p[j]));
        }
        out.flush();
    }

    /** The probability of the predicted class: a or 1 − a for a sigmoid output, the softmax entry otherwise. */
    static double probability(double[] a, int outputs, int predicted, int example) {
        return outputs == 1 ? (predicted == 1 ? a[example] : 1 - a[example]) : a[predicted + example * outputs];
    }

    private static Map<String, Object> report(Path modelDir, ImageShape shape, List<String> files, List<String> labels, double[] p,
                                              String note) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "predict");
        r.put("model", modelDir.toString());
        r.put("input_shape", List.of(shape.height(), shape.width(), shape.channels()));
        r.put("notes", note == null ? List.of() : List.of(note));
        List<Object> rows = new ArrayList<>();
        for (int j = 0; j < files.size(); j++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", files.get(j));
            row.put("class", labels.get(j));
            row.put("probability", p[j]);
            rows.add(row);
        }
        r.put("predictions", rows);
        return r;
    }
}
