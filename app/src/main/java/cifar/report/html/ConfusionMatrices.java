package cifar.report.html;

import cifar.data.CifarSplit;
import cifar.sweep.store.RunRecord;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix of every config: its seeds' final tests added up, each row (a true
 * class) as percentages of that class's images, so the diagonal is the per-class accuracy and
 * the rest says what a class is taken for (cat for dog, truck for automobile). Drawn as small
 * shaded tables rather than charts: a hundred of them stay light, and the numbers can be read
 * and copied. The counts are in each cell's tooltip.
 */
final class ConfusionMatrices {
  private static final String[] SHORT = {
    "plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"
  };

  private ConfusionMatrices() {}

  static String render(List<ConfigRuns> configs) {
    String heading = "<section id=\"confusion\"><h2>Confusion matrices</h2>";
    if (configs.stream().flatMap(c -> c.runs().stream()).noneMatch(r -> r.confusion().size() == 10)) {
      return heading + "<p class=\"none\">No record holds a confusion matrix yet (a run that"
          + " has not finished, or records made before runs kept one: train them again to see"
          + " them here).</p></section>\n";
    }
    StringBuilder h = new StringBuilder(heading
        + "<p>Rows: the true class; columns: the class the network gave; each row in % of that"
        + " class's test images, over all seeds of the config (the counts are in the tooltips)."
        + "</p>\n<div class=\"multiples\">\n");
    for (ConfigRuns c : configs) {
      List<RunRecord> recorded = c.runs().stream().filter(r -> r.confusion().size() == 10)
          .toList();
      h.append("<figure><figcaption>").append(Html.name(c.row().name())).append(" <small>(")
          .append(recorded.size() == 1 ? "1 seed" : recorded.size() + " seeds")
          .append(")</small></figcaption>");
      h.append(recorded.isEmpty()
          ? "<p class=\"none\">none recorded</p>"
          : table(sum(recorded)));
      h.append("</figure>\n");
    }
    return h.append("</div></section>\n").toString();
  }

  private static long[][] sum(List<RunRecord> runs) {
    long[][] total = new long[10][10];
    for (RunRecord r : runs) {
      for (int t = 0; t < 10; t++) {
        for (int p = 0; p < 10; p++) {
          total[t][p] += r.confusion().get(t).get(p);
        }
      }
    }
    return total;
  }

  private static String table(long[][] counts) {
    StringBuilder h = new StringBuilder("<table class=\"confusion shaded\"><thead><tr>"
        + "<th scope=\"col\">true \\ given</th>");
    for (String s : SHORT) {
      h.append("<th scope=\"col\">").append(s).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    for (int t = 0; t < 10; t++) {
      long row = 0;
      for (long v : counts[t]) {
        row += v;
      }
      h.append("<tr><th scope=\"row\">").append(CifarSplit.CLASSES[t]).append("</th>");
      for (int p = 0; p < 10; p++) {
        double share = row == 0 ? Double.NaN : counts[t][p] / (double) row;
        String text = row == 0 ? "—" : String.format(Locale.ROOT, "%.0f", 100 * share);
        h.append(Html.shadedCell(text, share, "title", counts[t][p] + " of " + row + " "
            + CifarSplit.CLASSES[t] + " images given " + CifarSplit.CLASSES[p]));
      }
      h.append("</tr>");
    }
    return h.append("</tbody></table>").toString();
  }
}
