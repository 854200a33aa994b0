package cifar.report.html;

import cifar.report.table.Plots;
import cifar.report.table.ResultRow;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.store.MergedRecords;
import java.util.List;

/**
 * report.html: a sweep's results in one file that needs nothing else, no network, no other
 * file, no script or font from a CDN, so it opens the same from a laptop, a cluster's shared
 * disk or a mail attachment. Its charts are XChart's, exported as inline SVG ({@link
 * InlineSvg}); its style and its one script (the table sort) are inlined from this package's
 * resources.
 *
 * <p>Top to bottom: the provenance header, the results table (sortable by any column), final
 * accuracy with its confidence intervals against the study's values, a heatmap for every
 * two-key grid, the learning curves of every config, test accuracy per class, and a confusion
 * matrix per config. Everything that grows with the sweep scrolls or wraps, so the page reads
 * with one run and with a hundred.
 */
public final class ReportPage {
  /** The file name, next to results.md. */
  public static final String FILE = "report.html";

  private ReportPage() {}

  public static String render(MergedRecords merged, List<ResultRow> rows) {
    var plan = merged.sweep().plan();
    Double reference = plan.runs().isEmpty() ? null : plan.runs().get(0).reference();
    List<ConfigRuns> configs = ConfigRuns.of(merged, rows);
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        + "<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>Sweep " + Html.escape(plan.name()) + " · cifar</title>\n<style>\n"
        + Html.resource("report.css") + "</style>\n</head>\n<body>\n");
    h.append("<header><h1>Sweep ").append(Html.escape(plan.name())).append("</h1>")
        .append("<nav><a href=\"#results\">results</a> <a href=\"#accuracy\">accuracy</a> ")
        .append(GridHeatmaps.render(configs).isEmpty() ? "" : "<a href=\"#grids\">grids</a> ")
        .append("<a href=\"#learning-curves\">learning curves</a> <a href=\"#per-class\">per"
            + " class</a> <a href=\"#confusion\">confusion</a></nav></header>\n<main>\n");
    h.append(ProvenanceHeader.render(merged));
    h.append("<section id=\"table\"><h2>Results</h2><p>One row per config; click a heading to"
        + " sort by it, again for the other way. The columns are results.md's (see"
        + " docs/SWEEPS.md, \"Reading the table\").</p>\n");
    h.append(ResultsTable.render(rows, reference));
    h.append(problems(merged)).append("</section>\n");
    h.append(accuracy(rows, reference));
    h.append(GridHeatmaps.render(configs));
    h.append(LearningCurves.render(configs));
    h.append(PerClassTable.render(configs));
    h.append(ConfusionMatrices.render(configs));
    h.append("</main>\n<script>\n").append(Html.resource("sort.js")).append("</script>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static String accuracy(List<ResultRow> rows, Double reference) {
    long shown = rows.stream().filter(r -> r.n() > 0).count();
    int width = (int) Math.max(900, 260 + 48 * shown);
    return "<section id=\"accuracy\"><h2>Final test accuracy</h2><p>Mean over seeds with its"
        + " 95% confidence interval (none for one seed), the study's reported value and its"
        + " baseline.</p><div class=\"scroll\">"
        + InlineSvg.of(Plots.accuracyChart(rows, reference, width), "accuracy-chart",
            "final test accuracy per config")
        + "</div></section>\n";
  }

  private static String problems(MergedRecords merged) {
    StringBuilder h = new StringBuilder();
    if (!merged.missing().isEmpty()) {
      h.append("<details><summary>").append(merged.missing().size()).append(" missing run(s):"
          + " rerun the same sweep command to train them</summary><ul>");
      for (PlannedRun p : merged.missing()) {
        h.append("<li><code>").append(p.id()).append("</code> ").append(Html.escape(p.name()))
            .append(" seed ").append(p.seed()).append("</li>");
      }
      h.append("</ul></details>\n");
    }
    if (!merged.refused().isEmpty()) {
      h.append("<details><summary>").append(merged.refused().size())
          .append(" record file(s) refused</summary><ul>");
      merged.refused().forEach(r -> h.append("<li>").append(Html.escape(r)).append("</li>"));
      h.append("</ul></details>\n");
    }
    return h.toString();
  }
}
