package cifar.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler.TextAlignment;

/** The plots read right: labels at their ticks, series apart, titles true to n. */
class PlotsTest {
  /** A row of {@code n} seeds at 50% after each of 3 epochs (the fields the plots read). */
  static ResultRow row(String name, int n) {
    double ci = n > 1 ? 0.01 : Double.NaN;
    return new ResultRow(name, "", name + "-id", false, n, n, 0.5, n > 1 ? 0.01 : Double.NaN,
        0.5 - ci, 0.5 + ci, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
        null, 3, 1000, 60, "ok", List.of(0.3, 0.4, 0.5));
  }

  private static List<ResultRow> rows(int configs, int n) {
    return IntStream.range(0, configs).mapToObj(i -> row("config-" + i, n)).toList();
  }

  @Test
  void fortyEightConfigsGetFortyEightDifferentLines() {
    XYChart chart = Plots.epochsChart(rows(48, 1));
    Set<String> looks = new HashSet<>();
    for (XYSeries s : chart.getSeriesMap().values()) {
      looks.add(s.getLineColor() + " " + s.getMarker().getClass().getSimpleName() + " "
          + Arrays.toString(s.getLineStyle().getDashArray()));
    }
    assertEquals(48, looks.size(), looks.toString());
  }

  @Test
  void titlesSayOneSeedWhenThereIsOneAndNoStdOrInterval() {
    String one = Plots.epochsChart(rows(3, 1)).getTitle();
    assertTrue(one.contains("one seed"), one);
    assertFalse(one.contains("mean") || one.contains("±"), one);
    assertTrue(Plots.epochsChart(rows(3, 3)).getTitle().contains("mean over seeds"));
    String accuracy = Plots.accuracyChart(rows(3, 1), 0.62).getTitle();
    assertFalse(accuracy.contains("±") || accuracy.contains("CI"), accuracy);
    assertTrue(Plots.accuracyChart(rows(3, 3), 0.62).getTitle().contains("95% CI"));
  }

  @Test
  void configLabelsStandUprightOnTheirTicksWithRoomForTheLongest() {
    // slanted and centred (XChart's alignment), a label ends under the next tick
    CategoryChart chart = Plots.accuracyChart(rows(9, 1), 0.62);
    assertEquals(90, chart.getStyler().getXAxisLabelRotation());
    assertEquals(TextAlignment.Centre, chart.getStyler().getXAxisLabelAlignment());
    List<ResultRow> longNames = List.of(row("a-grid/batch_size=128,lr=0.016,momentum=0.95", 1));
    assertTrue(Plots.accuracyChart(longNames, 0.62).getHeight() > chart.getHeight() + 100,
        "the plot keeps its height when the labels are long");
  }
}
