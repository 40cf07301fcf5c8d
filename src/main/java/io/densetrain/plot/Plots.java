package io.densetrain.plot;

import io.densetrain.data.Dataset;
import io.densetrain.model.AtomicFiles;
import io.densetrain.train.CostPoint;
import io.densetrain.train.LayerNorms;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts with XChart (headless): cost curves, decision boundaries, per-layer norms. */
public final class Plots {
    /** Predicted class of each column of a column-major (n_x, m) feature matrix. */
    public interface Classifier {
        int[] predict(double[] features, int m);
    }

    private static final Color[] LIGHT = {new Color(255, 200, 200), new Color(200, 210, 255), new Color(200, 240, 200),
            new Color(250, 235, 180), new Color(230, 200, 250)};
    private static final Color[] DARK = {new Color(200, 30, 30), new Color(30, 60, 200), new Color(20, 140, 20),
            new Color(200, 140, 0), new Color(130, 40, 170)};

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Makes {@code dir} for the plots before any training, so a long run does not fail at its end on a bad path. */
    public static void prepareDirectory(Path dir) {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new io.densetrain.BadInputException(dir + " is a file, not a directory; give a directory for the plots");
        }
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new io.densetrain.BadInputException(dir + ": cannot create the plot directory (" + e.getMessage()
                    + "); check the path and its permissions");
        }
    }

    /**
     * Train J per iteration, and the dev J beside it when there is one. With L2 (any record's L2 term
     * above 0) the parts of each J are drawn too: the cross-entropy and the (λ/2m)·Σ‖W‖²_F term.
     */
    public static void costCurve(Path file, String title, List<CostPoint> train, List<CostPoint> dev) {
        save(costChart(title, train, dev), file);
    }

    /** The chart {@link #costCurve} renders (its series: "train J", "dev J", and with L2 the parts). */
    public static XYChart costChart(String title, List<CostPoint> train, List<CostPoint> dev) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("iteration").yAxisTitle("cost J").build();
        chart.getStyler().setMarkerSize(4);
        boolean hasDev = dev != null && !dev.isEmpty();
        line(chart, "train J", train);
        if (hasDev) line(chart, "dev J", dev);
        if (showsParts(train)) {
            line(chart, "train cross-entropy", parts(train, true));
            line(chart, "train L2 term", parts(train, false));
            if (hasDev) line(chart, "dev cross-entropy", parts(dev, true));
        }
        return chart;
    }

    /** Whether the records carry an L2 term above 0 (λ > 0). */
    public static boolean showsParts(List<CostPoint> points) {
        return points.stream().anyMatch(p -> p.l2Term() > 0);
    }

    private static List<CostPoint> parts(List<CostPoint> points, boolean crossEntropy) {
        return points.stream().filter(p -> Double.isFinite(crossEntropy ? p.crossEntropy() : p.l2Term()))
                .map(p -> new CostPoint(p.iteration(), crossEntropy ? p.crossEntropy() : p.l2Term())).toList();
    }

    /** Several named cost curves in one chart (experiments). */
    public static void costCurves(Path file, String title, java.util.Map<String, List<CostPoint>> curves, boolean logY) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("iteration").yAxisTitle("cost J").build();
        // XChart labels a log axis at powers of ten only: below two decades a linear axis is the readable one
        double lo = curves.values().stream().flatMap(List::stream).mapToDouble(CostPoint::cost).filter(c -> c > 0).min().orElse(1);
        double hi = curves.values().stream().flatMap(List::stream).mapToDouble(CostPoint::cost).filter(Double::isFinite).max().orElse(1);
        boolean log = logY && hi / lo >= 100;
        chart.getStyler().setYAxisLogarithmic(log);
        curves.forEach((name, points) -> line(chart, name, points.stream().filter(p -> !log || p.cost() > 0).toList()));
        save(chart, file);
    }

    /**
     * The classifier's regions over the data's bounding box (a 150 × 150 grid, light colours) with the
     * examples on top coloured by their label. Features are the first two columns.
     */
    public static void decisionBoundary(Path file, String title, Dataset data, Classifier classifier) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int j = 0; j < data.size(); j++) {
            minX = Math.min(minX, data.feature(j, 0));
            maxX = Math.max(maxX, data.feature(j, 0));
            minY = Math.min(minY, data.feature(j, 1));
            maxY = Math.max(maxY, data.feature(j, 1));
        }
        double padX = 0.1 * (maxX - minX) + 1e-9, padY = 0.1 * (maxY - minY) + 1e-9;
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        int n = 150;
        double[] grid = new double[2 * n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int k = r * n + c;
                grid[2 * k] = minX + (maxX - minX) * c / (n - 1);
                grid[2 * k + 1] = minY + (maxY - minY) * r / (n - 1);
            }
        }
        int[] region = classifier.predict(grid, n * n);
        XYChart chart = new XYChartBuilder().width(700).height(700).title(title).xAxisTitle(data.featureNames().get(0))
                .yAxisTitle(data.featureNames().get(1)).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int classes = Math.max(data.classes(), max(region) + 1);
        for (int k = 0; k < classes; k++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int g = 0; g < n * n; g++) {
                if (region[g] == k) {
                    xs.add(grid[2 * g]);
                    ys.add(grid[2 * g + 1]);
                }
            }
            if (xs.isEmpty()) continue;
            XYSeries s = chart.addSeries("region " + k, xs, ys);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(LIGHT[k % LIGHT.length]);
            s.setShowInLegend(false);
        }
        chart.getStyler().setMarkerSize(5);
        for (int k = 0; k < classes; k++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int j = 0; j < data.size(); j++) {
                if (data.labels()[j] == k) {
                    xs.add(data.feature(j, 0));
                    ys.add(data.feature(j, 1));
                }
            }
            if (xs.isEmpty()) continue;
            XYSeries s = chart.addSeries("label " + k, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(DARK[k % DARK.length]);
        }
        save(chart, file);
    }

    /** ‖dW[l]‖ per record, one line per layer, logarithmic y. */
    public static void gradientNorms(Path file, String title, List<LayerNorms> norms) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("iteration")
                .yAxisTitle("||dW[l]||_F").build();
        chart.getStyler().setYAxisLogarithmic(true);
        int depth = norms.isEmpty() ? 0 : norms.get(0).gradient().length - 1;
        for (int l = 1; l <= depth; l++) {
            final int layer = l;
            List<CostPoint> points = norms.stream().filter(n -> n.gradient()[layer] > 0)
                    .map(n -> new CostPoint(n.iteration(), n.gradient()[layer])).toList();
            line(chart, "layer " + l, points);
        }
        save(chart, file);
    }

    /** Norms against layer index, one line per named series, logarithmic y (the vanishing experiment). */
    public static void normsByDepth(Path file, String title, String yTitle, java.util.Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("layer l").yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        series.forEach((name, values) -> {
            List<CostPoint> points = new ArrayList<>();
            for (int l = 1; l < values.length; l++) {
                if (values[l] > 0 && Double.isFinite(values[l])) points.add(new CostPoint(l, values[l]));
            }
            line(chart, name, points);
        });
        save(chart, file);
    }

    private static void line(XYChart chart, String name, List<CostPoint> points) {
        if (points.isEmpty()) return;
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (CostPoint p : points) {
            if (!Double.isFinite(p.cost())) continue;
            xs.add((double) p.iteration());
            ys.add(p.cost());
        }
        if (xs.isEmpty()) return;
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(xs.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2f));
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) m = Math.max(m, v);
        return m;
    }

    static void save(Chart<?, ?> chart, Path file) {
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new io.densetrain.BadInputException(file + ": cannot render the plot (" + e.getMessage() + ")");
        }
    }
}
