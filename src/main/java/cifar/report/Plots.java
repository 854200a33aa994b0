package cifar.report;

import cifar.sweep.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The two PNG plots of a sweep report, drawn with XChart. */
final class Plots {
  static final String ACCURACY = "accuracy.png";
  static final String EPOCHS = "accuracy-per-epoch.png";

  /** Twelve colours that stay apart on white (matplotlib's tab10 plus two darker ones). */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf), new Color(0x000080), new Color(0x006400)
  };

  private Plots() {}

  /**
   * Final test accuracy per config: mean with its 95% confidence interval as error bars (none
   * for a single seed), n in each config's label, the study's reported value beside it, and a
   * horizontal line at the study's reference accuracy.
   */
  static void accuracy(List<ResultRow> rows, Double reference, Path file) {
    save(accuracyChart(rows, reference), file);
  }

  /** The chart {@link #accuracy} draws. */
  static CategoryChart accuracyChart(List<ResultRow> rows, Double reference) {
    List<ResultRow> shown = rows.stream().filter(r -> r.n() > 0).toList();
    boolean intervals = shown.stream().anyMatch(r -> Double.isFinite(r.ciHigh()));
    CategoryChart chart = new CategoryChartBuilder().width(1100).height(650)
        .title(intervals ? "Final test accuracy per config (mean over n seeds, error bars: 95% CI)"
            : "Final test accuracy per config (one seed each, no interval)")
        .xAxisTitle("config (n seeds)").yAxisTitle("test accuracy %").build();
    CategoryStyler style = chart.getStyler();
    style.setXAxisLabelRotation(40);
    style.setYAxisDecimalPattern("0");
    style.setErrorBarsColorSeriesColor(true);
    style.setLegendPosition(LegendPosition.OutsideE);
    style.setChartBackgroundColor(Color.WHITE);
    style.setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
    // all series on the category's centre line: ours and the study's value one above the other
    style.setOverlapped(true);
    if (shown.isEmpty()) {
      chart.addSeries("no finished runs yet", List.of("-"), List.of(0));
      return chart;
    }
    List<String> names = shown.stream().map(r -> r.name() + " (n=" + r.n() + ")").toList();
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
    if (reference != null) {
      CategorySeries line = chart.addSeries(String.format("study baseline %.0f%%", 100 * reference),
          names, Collections.nCopies(names.size(), 100 * reference));
      line.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line)
          .setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
    }
    return chart;
  }

  /** Mean test accuracy after each epoch, one line per config. */
  static void epochs(List<ResultRow> rows, Path file) {
    XYChart chart = new XYChartBuilder().width(1100).height(650)
        .title("Test accuracy after each epoch (mean over seeds)")
        .xAxisTitle("epoch").yAxisTitle("test accuracy %").build();
    XYStyler style = chart.getStyler();
    style.setXAxisDecimalPattern("0");
    style.setYAxisDecimalPattern("0");
    style.setLegendPosition(LegendPosition.OutsideE);
    style.setChartBackgroundColor(Color.WHITE);
    style.setSeriesColors(PALETTE);
    for (ResultRow r : rows) {
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
        XYSeries s = chart.addSeries(r.name(), x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no finished epochs yet", List.of(1), List.of(0));
    }
    save(chart, file);
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
