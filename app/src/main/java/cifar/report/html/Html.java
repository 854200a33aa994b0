package cifar.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Text made safe for HTML, shaded cells, and the page's own style and script. */
final class Html {
  private Html() {}

  /** {@code s} as HTML text or attribute value: the five characters that mean markup escaped. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A config's name as a caption, allowed to break after its '/' and ',' (a grid point's name,
   * "batch-x-lr/batch_size=128,lr=0.016", is wider than a small chart).
   */
  static String name(String configName) {
    return escape(configName).replace("/", "/<wbr>").replace(",", ",<wbr>");
  }

  /**
   * A table cell shaded by {@code level} (0..1, NaN for none) from white to the report's blue,
   * with white text on the darkest shades so the number stays legible.
   *
   * @param attribute a name and a value to give the cell too, e.g. "title" and a tooltip
   */
  static String shadedCell(String text, double level, String attribute, String value) {
    String start = "<td " + attribute + "=\"" + escape(value) + "\" class=\"num\"";
    if (!Double.isFinite(level)) {
      return start + ">" + escape(text) + "</td>";
    }
    double t = Math.max(0, Math.min(1, level));
    int r = (int) Math.round(255 + t * (0x1f - 255));
    int g = (int) Math.round(255 + t * (0x77 - 255));
    int b = (int) Math.round(255 + t * (0xb4 - 255));
    return String.format(Locale.ROOT, "%s style=\"background:#%02x%02x%02x%s\">%s</td>", start,
        r, g, b, t > 0.55 ? ";color:#fff" : "", escape(text));
  }

  /** A text file of this package's resources (the page's CSS and script), to be inlined. */
  static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource cifar/report/html/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
