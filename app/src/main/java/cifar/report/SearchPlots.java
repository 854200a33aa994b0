package cifar.report;

import cifar.io.AtomicFiles;
import cifar.sweep.Changes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * search-keys.png: validation accuracy against each searched key, one panel per key, one point
 * per trial at the rung it reached (a colour per rung, so the trials ASHA stopped early stand
 * apart). Numbers are drawn on their axis (a log axis for log-uniform keys); choices that are
 * not numbers (activations, fc layer lists) by their number in the list, which the title names;
 * a list drawn layer by layer against the sum of its widths.
 */
final class SearchPlots {
  static final String FILE = "search-keys.png";
  private static final int WIDTH = 560;
  private static final int HEIGHT = 380;

  private SearchPlots() {}

  static void write(Leaderboard board, Path file) {
    List<BufferedImage> panels = new ArrayList<>();
    for (String key : board.keys()) {
      panels.add(BitmapEncoder.getBufferedImage(panel(board, key)));
    }
    int columns = Math.min(2, Math.max(1, panels.size()));
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage all = new BufferedImage(columns * WIDTH, Math.max(1, rows) * HEIGHT,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, all.getWidth(), all.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(panels.get(i), (i % columns) * WIDTH, (i / columns) * HEIGHT, null);
    }
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(all, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(file, png.toByteArray());
  }

  /** One key's panel. */
  static XYChart panel(Leaderboard board, String key) {
    System.setProperty("java.awt.headless", "true");
    String described = board.search().space().get(key);
    boolean choice = described.startsWith("one of");
    boolean layers = described.startsWith("layers");
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(key + ": " + described)
        .xAxisTitle(layers ? key + " (sum of the widths)" : key)
        .yAxisTitle("validation accuracy %").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setYAxisDecimalPattern("0");
    List<Object> categories = new ArrayList<>();
    boolean numbers = board.entries().stream().map(e -> e.config().toMap().get(key))
        .allMatch(v -> choice ? v instanceof Number : x(v) != null);
    Map<Integer, List<double[]>> byEpochs = new TreeMap<>();
    for (Leaderboard.Entry e : board.entries()) {
      if (!Double.isFinite(e.validation())) {
        continue;
      }
      Object v = e.config().toMap().get(key);
      double x;
      if (numbers) {
        x = x(v);
      } else {
        if (!categories.contains(v)) {
          categories.add(v);
        }
        x = categories.indexOf(v);
      }
      byEpochs.computeIfAbsent(e.epochs(), k -> new ArrayList<>())
          .add(new double[] {x, 100 * e.validation()});
    }
    if (numbers && described.startsWith("log")) {
      chart.getStyler().setXAxisLogarithmic(true);
    }
    if (!numbers) {
      // choices by their number, named in the title (XChart's own tick labels loop on them)
      List<String> names = new ArrayList<>();
      for (int i = 0; i < categories.size(); i++) {
        names.add(i + " = " + Changes.value(categories.get(i)));
      }
      chart.setTitle(key + ": " + String.join(", ", names));
      chart.setXAxisTitle(key + " (choice number)");
      chart.getStyler().setXAxisDecimalPattern("0");
    }
    byEpochs.forEach((epochs, points) -> chart.addSeries(
        "trained " + epochs + " epoch" + (epochs == 1 ? "" : "s"),
        points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray()).setMarker(SeriesMarkers.CIRCLE));
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no finished trials yet", new double[] {1}, new double[] {0});
    }
    return chart;
  }

  /** A value's place on a number axis: itself, or a list's sum; null for anything else. */
  private static Double x(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(i -> i instanceof Number)) {
      return l.stream().mapToDouble(i -> ((Number) i).doubleValue()).sum();
    }
    return null;
  }
}
