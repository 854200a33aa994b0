package cifar.report.table;

import cifar.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler.TextAlignment;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a sweep report, drawn with XChart: saved as PNG next to results.md, and given to
 * report.html, which embeds them as SVG.
 */
public final class Plots {
  public static final String ACCURACY = "accuracy.png";
  public static final String EPOCHS = "accuracy-per-epoch.png";

  private Plots() {}

  /**
   * Final test accuracy per config: mean with its 95% confidence interval as error bars (none
   * for a single seed), n in each config's label, the study's reported value beside it, and a
   * horizontal line at the study's reference accuracy.
   */
  public static void accuracy(List<ResultRow> rows, Double reference, Path file) {
    save(accuracyChart(rows, reference), file);
  }

  /** The chart {@link #accuracy} draws, 1100 pixels wide. */
  public static CategoryChart accuracyChart(List<ResultRow> rows, Double reference) {
    return accuracyChart(rows, reference, 1100);
  }

  /** The chart {@link #accuracy} draws, {@code width} pixels wide. */
  public static CategoryChart accuracyChart(List<ResultRow> rows, Double reference, int width) {
    List<ResultRow> shown = rows.stream().filter(r -> r.n() > 0).toList();
    boolean intervals = shown.stream().anyMatch(r -> Double.isFinite(r.ciHigh()));
    List<String> names = shown.stream().map(r -> r.name() + " (n=" + r.n() + ")").toList();
    CategoryChart chart = new CategoryChartBuilder().width(width).height(450 + labelRoom(names))
        .title(intervals ? "Final test accuracy per config (mean over n seeds, error bars: 95% CI)"
            : "Final test accuracy per config (one seed each, no interval)")
        .xAxisTitle("config (n seeds)").yAxisTitle("test accuracy %").build();
    CategoryStyler style = chart.getStyler();
    // Upright labels, centred on their ticks. Slanted ones were centred too, so a long label
    // ended under the next tick and read as that tick's; right-aligned, the first ones ran off
    // the chart's left edge. An upright label is as wide as a line of text: it cannot stray.
    style.setXAxisLabelRotation(90);
    style.setXAxisLabelAlignmentVertical(TextAlignment.Right); // each label starts at the axis
    style.setYAxisDecimalPattern("0");
    style.setErrorBarsColorSeriesColor(true);
    style.setLegendPosition(LegendPosition.OutsideE);
    style.setChartBackgroundColor(Color.WHITE);
    style.setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
    // all series on the category's centre line: ours and the study's value one above the other
    style.setOverlapped(true);
    yRange(style, shown, reference);
    if (shown.isEmpty()) {
      chart.addSeries("no finished runs yet", List.of("-"), List.of(0));
      return chart;
    }
    CategorySeries measured = chart.addSeries(intervals ? "this project, 95% CI" : "this project",
        names, shown.stream().map(r -> 100 * r.mean()).toList(),
        shown.stream().map(r -> Double.isFinite(r.ciHigh()) ? 100 * (r.ciHigh() - r.mean()) : 0.0)
            .toList());
    measured.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(0x1f77b4));
    if (shown.stream().anyMatch(r -> r.reported() != null)) {
      CategorySeries study = chart.addSeries("study reported", names,
          shown.stream().map(r -> r.reported() == null ? null : 100 * r.reported()).toList());
      study.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(new Color(0xff7f0e));
    }
    if (reference != null && names.size() > 1) { // a line needs two categories to be drawn
      CategorySeries line = chart.addSeries(String.format("study baseline %.0f%%", 100 * reference),
          names, Collections.nCopies(names.size(), 100 * reference));
      line.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line)
          .setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
    }
    return chart;
  }

  /**
   * The accuracy axis from a little below the lowest value (interval ends, the study's values
   * and its baseline included) to a little above the highest, in steps of 5 points, so a chart
   * of one config still has an axis to read rather than two ticks at its two values.
   */
  private static void yRange(CategoryStyler style, List<ResultRow> shown, Double reference) {
    List<Double> values = new ArrayList<>();
    for (ResultRow r : shown) {
      values.add(100 * r.mean());
      values.add(100 * r.ciLow());
      values.add(100 * r.ciHigh());
      values.add(r.reported() == null ? Double.NaN : 100 * r.reported());
    }
    values.add(reference == null ? Double.NaN : 100 * reference);
    double low = values.stream().filter(Double::isFinite).min(Double::compare).orElse(0.0);
    double high = values.stream().filter(Double::isFinite).max(Double::compare).orElse(100.0);
    style.setYAxisMin(Math.max(0, 5 * Math.floor((low - 1) / 5)));
    style.setYAxisMax(Math.min(100, 5 * Math.ceil((high + 1) / 5)));
  }

  /** The height the upright config labels take: the longest one, in the axis labels' font. */
  private static int labelRoom(List<String> labels) {
    Font font = new CategoryStyler().getAxisTickLabelsFont();
    FontRenderContext frc = new FontRenderContext(null, true, true);
    double longest = labels.stream()
        .mapToDouble(l -> font.getStringBounds(l, frc).getWidth()).max().orElse(0);
    return (int) Math.ceil(Math.min(longest, 600));
  }

  /** Mean test accuracy after each epoch, one line per config. */
  public static void epochs(List<ResultRow> rows, Path file) {
    save(epochsChart(rows), file);
  }

  /** The chart {@link #epochs} draws. */
  static XYChart epochsChart(List<ResultRow> rows) {
    boolean oneSeed = rows.stream().allMatch(r -> r.n() <= 1);
    XYChart chart = new XYChartBuilder().width(1100).height(650)
        .title("Test accuracy after each epoch (" + (oneSeed ? "one seed each" : "mean over seeds")
            + ")")
        .xAxisTitle("epoch").yAxisTitle("test accuracy %").build();
    XYStyler style = chart.getStyler();
    style.setXAxisDecimalPattern("0");
    style.setYAxisDecimalPattern("0");
    style.setLegendPosition(LegendPosition.OutsideE);
    style.setChartBackgroundColor(Color.WHITE);
    for (int i = 0; i < rows.size(); i++) {
      ResultRow r = rows.get(i);
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int e = 0; e < r.testAccuracyPerEpoch().size(); e++) {
        double a = r.testAccuracyPerEpoch().get(e);
        if (Double.isFinite(a)) {
          x.add(e + 1);
          y.add(100 * a);
        }
      }
      if (!x.isEmpty()) {
        Palette.style(chart.addSeries(r.name(), x, y), i);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no finished epochs yet", List.of(1), List.of(0));
    }
    return chart;
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    System.setProperty("java.awt.headless", "true");
    try {
      // atomically: every shard of a cluster sweep may redraw the plots of the shared directory
      AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
