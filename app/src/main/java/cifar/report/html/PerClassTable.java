package cifar.report.html;

import cifar.data.CifarSplit;
import cifar.report.stats.Summary;
import cifar.sweep.store.RunRecord;
import java.util.List;
import java.util.Locale;

/**
 * Test accuracy per class, one row per config (the mean over its seeds), shaded from 0% (white)
 * to 100% (blue) so the classes a change helps or hurts stand out down a column; sortable like
 * the results table.
 */
final class PerClassTable {
  private PerClassTable() {}

  static String render(List<ConfigRuns> configs) {
    StringBuilder h = new StringBuilder("<section id=\"per-class\"><h2>Test accuracy per class %"
        + "</h2><div class=\"scroll" + (configs.size() > 20 ? " long" : "")
        + "\"><table class=\"sortable shaded\"><thead><tr>"
        + "<th scope=\"col\">run</th>");
    for (String c : CifarSplit.CLASSES) {
      h.append("<th scope=\"col\" class=\"num\">").append(c).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (ConfigRuns c : configs) {
      h.append("<tr><td data-sort=\"").append(Html.escape(c.row().name())).append("\">")
          .append(Html.escape(c.row().name())).append("</td>");
      for (int k = 0; k < CifarSplit.CLASSES.length; k++) {
        int cls = k;
        Summary s = Summary.of(c.runs().stream().map(RunRecord::perClassAccuracy)
            .filter(p -> p.size() > cls).map(p -> p.get(cls)).filter(Double::isFinite).toList());
        String text = s.n() == 0 ? "—" : String.format(Locale.ROOT, "%.1f", 100 * s.mean());
        h.append(Html.shadedCell(text, s.n() == 0 ? Double.NaN : s.mean(), "data-sort",
            s.n() == 0 ? "" : Double.toString(s.mean())));
      }
      h.append("</tr>\n");
    }
    return h.append("</tbody></table></div></section>\n").toString();
  }
}
