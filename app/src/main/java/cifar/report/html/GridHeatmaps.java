package cifar.report.html;

import cifar.config.ConfigKey;
import cifar.sweep.Changes;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * A heatmap of mean final test accuracy for every grid of the sweep that varies exactly two
 * keys (the batch size × learning rate grid of hyperparams/interaction.yaml): rows the first
 * key's values, columns the second's, each cell the mean over seeds. A grid is
 * recognised by its points' names ({@code GRID/key=value,...}); its cells are found by config,
 * so a point that equals an entry listed earlier (trained once, under that entry's name) still
 * gets its cell. Grids of one key are a line in the table already; grids of three keys or more
 * have no flat picture and are left to the table.
 */
final class GridHeatmaps {
  private static final String SEED = ConfigKey.SEED.key();

  private GridHeatmaps() {}

  /** The heatmaps, or an empty string for a sweep without a two-key grid. */
  static String render(List<ConfigRuns> configs) {
    Map<Map<String, Object>, ConfigRuns> byConfig = new LinkedHashMap<>();
    Map<String, List<ConfigRuns>> grids = new LinkedHashMap<>();
    for (ConfigRuns c : configs) {
      byConfig.putIfAbsent(withoutSeed(c.config().toMap()), c);
      int slash = c.row().name().indexOf('/');
      if (slash > 0) {
        grids.computeIfAbsent(c.row().name().substring(0, slash), k -> new ArrayList<>()).add(c);
      }
    }
    StringBuilder h = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, List<ConfigRuns>> g : grids.entrySet()) {
      List<String> keys = varying(g.getValue());
      if (keys.size() == 2) {
        h.append("<figure class=\"wide\"><figcaption>").append(Html.escape(g.getKey()))
            .append(": mean final test accuracy % over seeds</figcaption>")
            .append(InlineSvg.of(chart(g.getValue(), keys, byConfig), "grid-" + n++,
                "heatmap of " + g.getKey()))
            .append("</figure>\n");
      }
    }
    return h.isEmpty() ? "" : "<section id=\"grids\"><h2>Grids</h2>\n" + h + "</section>\n";
  }

  /**
   * The keys whose values differ between the points of a grid, in the grid's order (as its
   * points' names give them: the first key varies slowest).
   */
  static List<String> varying(List<ConfigRuns> points) {
    List<String> keys = new ArrayList<>();
    Map<String, Object> first = points.get(0).config().toMap();
    for (String key : first.keySet()) {
      if (!key.equals(SEED) && points.stream()
          .anyMatch(p -> !p.config().toMap().get(key).equals(first.get(key)))) {
        keys.add(key);
      }
    }
    String name = points.get(0).row().name();
    keys.sort(Comparator.comparingInt(k -> name.indexOf(k + "=")));
    return keys;
  }

  private static HeatMapChart chart(List<ConfigRuns> points, List<String> keys,
      Map<Map<String, Object>, ConfigRuns> byConfig) {
    List<Object> rows = values(points, keys.get(0));
    List<Object> columns = values(points, keys.get(1));
    Map<String, Object> base = points.get(0).config().toMap();
    List<Number[]> cells = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        Map<String, Object> config = new LinkedHashMap<>(base);
        config.put(keys.get(0), rows.get(r));
        config.put(keys.get(1), columns.get(c));
        ConfigRuns cell = byConfig.get(withoutSeed(config));
        if (cell != null && cell.row().n() > 0) {
          double pct = 100 * cell.row().mean();
          // rows top to bottom in the grid's order: XChart counts its y axis from the bottom
          cells.add(new Number[] {c, rows.size() - 1 - r, pct});
          min = Math.min(min, pct);
          max = Math.max(max, pct);
        }
      }
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(140 + 110 * columns.size())
        .height(110 + 60 * rows.size()).xAxisTitle(keys.get(1)).yAxisTitle(keys.get(0)).build();
    HeatMapStyler s = chart.getStyler();
    s.setChartTitleVisible(false);
    s.setLegendVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setShowValue(true);
    s.setHeatMapValueDecimalPattern("0.0");
    // light enough at the top that the black values stay legible on every cell
    s.setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x9ecae1), new Color(0x4292c6)});
    s.setValueFontColor(Color.BLACK);
    if (cells.isEmpty()) {
      min = 0;
      max = 1;
    }
    s.setMin(min);
    s.setMax(max > min ? max : min + 1);
    List<String> rowLabels = new ArrayList<>(rows.stream().map(Changes::value).toList());
    Collections.reverse(rowLabels);
    chart.addSeries("accuracy", columns.stream().map(Changes::value).toList(), rowLabels, cells);
    return chart;
  }

  /** The values a key takes in a grid, in order of first appearance. */
  private static List<Object> values(List<ConfigRuns> points, String key) {
    Set<Object> seen = new LinkedHashSet<>();
    points.forEach(p -> seen.add(p.config().toMap().get(key)));
    return new ArrayList<>(seen);
  }

  private static Map<String, Object> withoutSeed(Map<String, Object> config) {
    Map<String, Object> m = new LinkedHashMap<>(config);
    m.remove(SEED);
    return m;
  }
}
