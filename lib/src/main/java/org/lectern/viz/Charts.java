package org.lectern.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lectern.Tensor;
import org.lectern.nn.Module;
import org.lectern.train.History;

/**
 * XChart charts of what a lecture wants to see: training curves, gradient norms, any series of numbers.
 * They are plain XChart objects; the Jupyter kernel renders them as PNG and SVG, and
 * {@code BitmapEncoder.saveBitmap} writes them from a plain program.
 */
public final class Charts {
    public static final int WIDTH = 640, HEIGHT = 360;

    private Charts() {}

    /** Loss (left axis) and accuracy (right axis) per epoch, training and validation. */
    public static XYChart history(History h) {
        return history(h, History.TRAIN_LOSS, History.VAL_LOSS, History.TRAIN_ACC, History.VAL_ACC);
    }

    /**
     * The given history columns against the epoch; accuracy-like columns (name containing "acc") go on a
     * second axis on the right so both scales stay readable.
     */
    public static XYChart history(History h, String... columns) {
        XYChart chart = base("Training history", "epoch", "loss");
        double[] epochs = h.column(History.EPOCH);
        boolean right = false;
        for (String c : columns) {
            if (!h.table().columnNames().contains(c)) {
                throw new IllegalArgumentException("history: no column '" + c + "'; columns are " + h.table().columnNames());
            }
            double[][] xy = present(epochs, h.column(c));
            if (xy[0].length == 0) continue;
            XYSeries s = chart.addSeries(c.replace('_', ' '), xy[0], xy[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (c.contains("acc")) {
                s.setYAxisGroup(1);
                right = true;
            }
        }
        if (right) {
            chart.setYAxisGroupTitle(1, "accuracy");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right); // XChart puts every group on the left otherwise
        }
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("(no epochs yet)", new double[] {0}, new double[] {0});
        return chart;
    }

    /** Pairs where y is a number (validation columns are missing when there was no validation set). */
    private static double[][] present(double[] x, double[] y) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (!Double.isNaN(y[i])) keep.add(new double[] {x[i], y[i]});
        double[][] out = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            out[0][i] = keep.get(i)[0];
            out[1][i] = keep.get(i)[1];
        }
        return out;
    }

    /** One line per named series against 0, 1, 2, …. */
    public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        XYChart chart = base(title, xLabel, yLabel);
        series.forEach((name, ys) -> {
            double[] xs = new double[ys.length];
            for (int i = 0; i < xs.length; i++) xs[i] = i;
            chart.addSeries(name, xs, ys).setMarker(ys.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        });
        return chart;
    }

    /** y against x for a function plot (activation functions, learning-rate schedules). */
    public static XYChart plot(String title, Tensor x, Map<String, Tensor> ys) {
        XYChart chart = base(title, "x", "y");
        double[] xs = toDouble(x.toArray());
        ys.forEach((name, y) -> chart.addSeries(name, xs, toDouble(y.toArray())).setMarker(SeriesMarkers.NONE));
        return chart;
    }

    /** The L2 norm of each parameter's gradient after a backward pass, as bars (log scale: they span decades). */
    public static CategoryChart gradientNorms(Module model) {
        Map<String, Double> norms = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (p.grad() == null) return;
            double s = 0;
            for (float g : p.grad().toArray()) s += (double) g * g;
            norms.put(name, Math.sqrt(s));
        });
        if (norms.isEmpty()) {
            throw new IllegalStateException("gradientNorms: no parameter has a gradient; call loss.backward() first");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Gradient norm per parameter")
                .xAxisTitle("parameter").yAxisTitle("‖grad‖₂").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        boolean positive = norms.values().stream().allMatch(v -> v > 0);
        chart.getStyler().setYAxisLogarithmic(positive);
        chart.addSeries("grad norm", new ArrayList<>(norms.keySet()), new ArrayList<>(norms.values()));
        return chart;
    }

    /** Bars of values by label. */
    public static CategoryChart bars(String title, List<String> labels, double[] values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        List<Double> vs = new ArrayList<>();
        for (double v : values) vs.add(v);
        chart.addSeries(title, labels, vs);
        return chart;
    }

    private static XYChart base(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setAntiAlias(true);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
