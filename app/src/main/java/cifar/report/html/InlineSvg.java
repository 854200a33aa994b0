package cifar.report.html;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * An XChart chart as an {@code <svg>} element to put inside the page, through XChart's vector
 * export (VectorGraphics2D, which XChart 3.8.8 brings along). Three things make the export fit
 * an HTML page: the XML prolog and DOCTYPE go (the DOCTYPE names a DTD on the web, and an
 * inline SVG needs neither); the clip-path ids, which VectorGraphics2D numbers per document,
 * get a prefix per chart, because ids are global in an HTML page and two charts' clips would
 * otherwise cut each other; and coordinates are rounded to 0.01 px. XChart draws every letter
 * as an outline, with six decimals per point, so the rounding halves a chart's size (about
 * 60 kB to 30 kB for a small one) and changes nothing a screen can show.
 */
final class InlineSvg {
  private static final Pattern LONG_DECIMALS = Pattern.compile("(\\d\\.\\d\\d)\\d+");

  private InlineSvg() {}

  /**
   * @param id unique in the page: prefixes the chart's ids, and is the element's id
   * @param label what the chart shows, for screen readers
   */
  static String of(Chart<?, ?> chart, String id, String label) {
    System.setProperty("java.awt.headless", "true");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String svg = out.toString(StandardCharsets.UTF_8);
    svg = svg.substring(svg.indexOf("<svg"));
    svg = svg.replace("id=\"", "id=\"" + id + "-").replace("url(#", "url(#" + id + "-");
    svg = LONG_DECIMALS.matcher(svg).replaceAll("$1");
    return svg.replaceFirst("<svg ", "<svg id=\"" + id + "\" class=\"chart\" role=\"img\""
        + " aria-label=\"" + Html.escape(label) + "\" ").strip();
  }
}
