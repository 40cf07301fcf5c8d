package io.densetrain.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The sweep's chart of a metric against one swept setting: numeric values on a linear or log axis, or named categories. */
public final class SweepPlots {
    private SweepPlots() {
    }

    /**
     * One point per trial. When every value reads as a number the x axis is numeric (logarithmic when
     * {@code logX}); otherwise each distinct value is a category at 0, 1, 2, … in order of appearance.
     */
    public static void metricAgainst(Path file, String title, String setting, String metric, List<String> values, List<Double> ys,
                                     boolean logX) {
        boolean numeric = values.stream().allMatch(SweepPlots::isNumber);
        List<String> categories = new ArrayList<>();
        List<Double> xs = new ArrayList<>(), kept = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!Double.isFinite(ys.get(i))) continue;
            double x;
            if (numeric) {
                x = Double.parseDouble(values.get(i));
                if (logX && !(x > 0)) continue;
            } else {
                if (!categories.contains(values.get(i))) categories.add(values.get(i));
                x = categories.indexOf(values.get(i));
            }
            xs.add(x);
            kept.add(ys.get(i));
        }
        XYChart chart = new XYChartBuilder().width(700).height(450).title(title).xAxisTitle(setting).yAxisTitle(metric).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLogarithmic(numeric && logX);
        if (!numeric) {
            chart.getStyler().setXAxisMin(-0.5);
            chart.getStyler().setXAxisMax(categories.size() - 0.5);
            chart.setCustomXAxisTickLabelsFormatter(x -> {
                long k = Math.round(x);
                // XChart drops every tick label when two are equal, so the blank ones between categories differ in length
                return Math.abs(x - k) < 1e-6 && k >= 0 && k < categories.size() ? categories.get((int) k)
                        : " ".repeat(1 + (int) Math.round(Math.abs(x) * 8));
            });
        }
        chart.getStyler().setYAxisDecimalPattern("0.0###");
        if (!xs.isEmpty()) {
            // room around the points, so that none sits on the frame
            double yLo = kept.stream().mapToDouble(d -> d).min().orElseThrow(), yHi = kept.stream().mapToDouble(d -> d).max().orElseThrow();
            double yPad = yHi > yLo ? 0.08 * (yHi - yLo) : Math.max(1e-3, 0.05 * Math.abs(yHi));
            chart.getStyler().setYAxisMin(yLo - yPad);
            chart.getStyler().setYAxisMax(yHi + yPad);
            if (numeric) {
                double xLo = xs.stream().mapToDouble(d -> d).min().orElseThrow(), xHi = xs.stream().mapToDouble(d -> d).max().orElseThrow();
                if (logX) {
                    chart.getStyler().setXAxisMin(xLo / 1.3);
                    chart.getStyler().setXAxisMax(xHi * 1.3);
                } else {
                    double xPad = xHi > xLo ? 0.08 * (xHi - xLo) : Math.max(1e-3, 0.05 * Math.abs(xHi));
                    chart.getStyler().setXAxisMin(xLo - xPad);
                    chart.getStyler().setXAxisMax(xHi + xPad);
                }
            }
            chart.addSeries("trials", xs, kept).setMarker(SeriesMarkers.CIRCLE);
        }
        Plots.save(chart, file);
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
