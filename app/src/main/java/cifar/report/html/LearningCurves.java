package cifar.report.html;

import cifar.report.stats.Summary;
import cifar.report.table.Palette;
import cifar.sweep.store.RunRecord;
import cifar.training.EpochMetrics;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One small chart per config: test accuracy (left axis) and train loss (right axis) after each
 * epoch, the mean over seeds with a band of ± 1 std where two seeds or more got that far. Small
 * multiples rather than one chart of all configs: a hundred lines in one chart cannot be told
 * apart, a hundred small charts can. Every chart has the same axes, so they compare at a glance.
 */
final class LearningCurves {
  private static final Color ACCURACY = Palette.colour(0);
  private static final Color LOSS = Palette.colour(1);

  private LearningCurves() {}

  static String render(List<ConfigRuns> configs) {
    Range accuracy = Range.of(configs, m -> 100 * m.testAccuracy(), 10);
    Range loss = Range.of(configs, EpochMetrics::trainLoss, 0.5);
    int epochs = configs.stream().mapToInt(c -> epochs(c.runs())).max().orElse(1);
    StringBuilder h = new StringBuilder("<section id=\"learning-curves\"><h2>Learning curves</h2>"
        + "<p>After each epoch: <span class=\"key\" style=\"color:#1f77b4\">test accuracy %"
        + " (left axis)</span> and <span class=\"key\" style=\"color:#ff7f0e\">train loss (right"
        + " axis)</span>, the mean over seeds; the band is ± 1 std over the seeds that got that"
        + " far (none for one seed). The same axes in every chart.</p>\n<div class=\"multiples\">\n");
    for (int i = 0; i < configs.size(); i++) {
      ConfigRuns c = configs.get(i);
      h.append("<figure><figcaption>").append(Html.name(c.row().name())).append(" <small>(")
          .append(c.runs().size() == 1 ? "1 seed" : c.runs().size() + " seeds")
          .append(")</small></figcaption>");
      if (c.runs().isEmpty()) {
        h.append("<p class=\"none\">no finished run yet</p>");
      } else {
        h.append(InlineSvg.of(chart(c.runs(), accuracy, loss, epochs), "curve-" + i,
            "learning curves of " + c.row().name()));
      }
      h.append("</figure>\n");
    }
    return h.append("</div></section>\n").toString();
  }

  /** @param epochs the x axis's last epoch (the longest run's of the sweep) */
  static XYChart chart(List<RunRecord> runs, Range accuracy, Range loss, int epochs) {
    XYChart chart = new XYChartBuilder().width(300).height(200).build();
    XYStyler s = chart.getStyler();
    s.setChartTitleVisible(false);
    s.setLegendVisible(false);
    s.setAxisTitlesVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setChartPadding(4);
    s.setXAxisDecimalPattern("0");
    s.setYAxisDecimalPattern("0");
    s.putYAxisGroupDecimalPatternMap(1, "0.0");
    s.setYAxisGroupPosition(1, YAxisPosition.Right);
    s.setYAxisMin(0, accuracy.low()).setYAxisMax(0, accuracy.high());
    s.setYAxisMin(1, loss.low()).setYAxisMax(1, loss.high());
    s.setXAxisMin(1.0).setXAxisMax((double) Math.max(2, epochs));
    s.setYAxisGroupTitleColor(1, LOSS);
    add(chart, "test accuracy %", runs, m -> 100 * m.testAccuracy(), ACCURACY, 0);
    add(chart, "train loss", runs, EpochMetrics::trainLoss, LOSS, 1);
    return chart;
  }

  /** The mean line and, where two seeds or more have the epoch, the ± 1 std band. */
  private static void add(XYChart chart, String name, List<RunRecord> runs,
      ToDoubleFunction<EpochMetrics> metric, Color colour, int axis) {
    List<Double> x = new ArrayList<>();
    List<Double> mean = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    for (int e = 0; e < epochs(runs); e++) {
      int epoch = e;
      Summary v = Summary.of(runs.stream().filter(r -> r.epochs().size() > epoch)
          .map(r -> metric.applyAsDouble(r.epochs().get(epoch))).filter(Double::isFinite)
          .toList());
      if (v.n() == 0) {
        continue;
      }
      x.add(e + 1.0);
      mean.add(v.mean());
      if (v.n() > 1) {
        upper.add(v.mean() + v.std());
        lower.add(v.mean() - v.std());
      }
    }
    if (x.isEmpty()) {
      return;
    }
    if (upper.size() == x.size()) { // a band only where every point has one
      List<Double> bandX = new ArrayList<>(x);
      List<Double> bandY = new ArrayList<>(upper);
      for (int i = x.size() - 1; i >= 0; i--) {
        bandX.add(x.get(i));
        bandY.add(lower.get(i));
      }
      XYSeries band = chart.addSeries(name + " band", bandX, bandY);
      band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(Palette.translucent(colour, 60));
      band.setLineColor(Palette.translucent(colour, 0));
      band.setMarker(SeriesMarkers.NONE);
      band.setYAxisGroup(axis);
    }
    XYSeries line = chart.addSeries(name, x, mean);
    line.setLineColor(colour);
    line.setMarkerColor(colour);
    line.setMarker(SeriesMarkers.CIRCLE);
    line.setYAxisGroup(axis);
  }

  private static int epochs(List<RunRecord> runs) {
    return runs.stream().mapToInt(r -> r.epochs().size()).max().orElse(0);
  }

  /**
   * An axis range that holds every config's values, widened to whole steps.
   *
   * @param low the lower end
   * @param high the upper end
   */
  record Range(double low, double high) {
    static Range of(List<ConfigRuns> configs, ToDoubleFunction<EpochMetrics> metric, double step) {
      double[] all = configs.stream().flatMap(c -> c.runs().stream())
          .flatMap(r -> r.epochs().stream()).mapToDouble(metric).filter(Double::isFinite).toArray();
      double min = Arrays.stream(all).min().orElse(0);
      double max = Arrays.stream(all).max().orElse(step);
      double low = Math.max(0, Math.floor(min / step) * step);
      double high = Math.ceil(max / step) * step;
      return new Range(low, high > low ? high : low + step);
    }
  }
}
