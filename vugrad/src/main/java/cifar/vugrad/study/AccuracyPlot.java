package cifar.vugrad.study;

import cifar.vugrad.InputError;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's figure: mean validation accuracy per epoch, one line per activation, with a shaded
 * band from mean − std to mean + std (with two repeats or more). The band is a closed polygon (upper edge left to right,
 * lower edge back), drawn in the line's colour made translucent.
 */
public final class AccuracyPlot {
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private AccuracyPlot() {}

  public static XYChart chart(CompareResult result) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(result.repeats() > 1
                ? "vugrad MLP: validation accuracy over " + result.repeats() + " repeats (mean ± 1 std)"
                : "vugrad MLP: validation accuracy (one repeat)")
            .xAxisTitle("epoch")
            .yAxisTitle("validation accuracy")
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    int n = result.epochs();
    for (int a = 0; a < result.activations().size(); a++) {
      double[] x = new double[n];
      double[] mean = new double[n];
      double[] bandX = new double[2 * n];
      double[] bandY = new double[2 * n];
      for (int e = 1; e <= n; e++) {
        MeanStd s = result.meanStd(a, e);
        x[e - 1] = e;
        mean[e - 1] = s.mean();
        bandX[e - 1] = e;
        bandY[e - 1] = s.mean() + s.std();
        bandX[2 * n - e] = e;
        bandY[2 * n - e] = s.mean() - s.std();
      }
      Color color = COLORS[a % COLORS.length];
      String label = result.activations().get(a).label();
      if (result.repeats() > 1) { // one repeat has no spread to shade
        XYSeries band = chart.addSeries(label + " ± std", bandX, bandY);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      XYSeries line = chart.addSeries(label, x, mean);
      line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      line.setLineColor(color);
      line.setMarkerColor(color);
      line.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  public static void save(CompareResult result, Path png) {
    try {
      BitmapEncoder.saveBitmap(chart(result), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new InputError(png + ": cannot write the plot: " + e.getMessage(), e);
    }
  }
}
