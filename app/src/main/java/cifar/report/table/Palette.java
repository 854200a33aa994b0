package cifar.report.table;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How the series of a chart stay apart: twelve colours that differ on white (matplotlib's tab10
 * and two darker ones), and past twelve the same colours again with another marker and line
 * style, so series i and i + 12 never look alike. Twelve colours is about what eyes tell apart
 * in a legend; a thirteenth colour would be a shade of one of them. Forty-eight series are
 * distinct this way; more than that belong in small multiples (report.html draws one chart per
 * config).
 */
public final class Palette {
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf), new Color(0x000080), new Color(0x006400)
  };
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.DIAMOND
  };
  private static final BasicStroke[] LINES = {
    SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT
  };

  private Palette() {}

  /** The colour of series i. */
  public static Color colour(int i) {
    return COLOURS[Math.floorMod(i, COLOURS.length)];
  }

  /** {@code c} with the given opacity, 0..255: for the band around a line. */
  public static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** Gives series i its colour, marker and line style. */
  public static void style(XYSeries s, int i) {
    int round = Math.floorMod(i / COLOURS.length, MARKERS.length);
    s.setLineColor(colour(i));
    s.setMarkerColor(colour(i));
    s.setMarker(MARKERS[round]);
    s.setLineStyle(LINES[round]);
  }
}
