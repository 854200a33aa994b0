package cifar.report;

import cifar.report.table.ResultRow;
import cifar.report.table.TableColumns.Column;
import cifar.report.table.TableColumns;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import java.util.List;
import java.util.Locale;

/** results.md: the table against the study's baseline, then what is missing or was refused. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(MergedRecords merged, List<ResultRow> rows) {
    SweepPlan plan = merged.sweep().plan();
    Double reference = plan.runs().isEmpty() ? null : plan.runs().get(0).reference();
    String refLabel = TableColumns.referenceLabel(reference);
    long comparisons = rows.stream().filter(r -> Double.isFinite(r.p())).count();
    StringBuilder md = new StringBuilder();
    md.append("# Sweep ").append(plan.name()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%d of %d runs recorded. Test accuracy in %% after the last"
        + " epoch: mean ± sample std over seeds (n) and the 95%% CI of the mean (Student t)."
        + " Δ in percentage points against the sweep's own baseline config, with its 95%% Welch CI"
        + " and Welch's t-test p; Holm p corrects p for the table's %d comparisons. The verdict"
        + " says whether our seeds replicate the study's change against its %s (Holm p < 0.05)."
        + " See docs/SWEEPS.md.%s%n%n",
        merged.records().size(), plan.runs().size(), comparisons, refLabel, comparisons > 0 ? ""
            : " Nothing could be tested: a test needs ≥ 2 seeds of a config and of its baseline"
                + " (`sweep --repeats 3`)."));
    List<Column> columns = TableColumns.of(refLabel);
    md.append(line(columns.stream().map(Column::header).toList()));
    List<String> rule = columns.stream().map(c -> c.numeric() ? "---:" : "---").toList();
    md.append('|').append(String.join("|", rule)).append("|\n");
    for (ResultRow r : rows) {
      md.append(line(columns.stream().map(c -> cell(c, r)).toList()));
    }
    appendProblems(md, merged);
    return md.toString();
  }

  /** A cell's text in Markdown: an id as code, anything else with its pipes escaped. */
  private static String cell(Column c, ResultRow r) {
    String text = c.cell().apply(r);
    return c.code() ? "`" + text + "`" : escape(text);
  }

  static String escape(String s) {
    return s.replace("|", "\\|");
  }

  private static String line(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static void appendProblems(StringBuilder md, MergedRecords merged) {
    if (!merged.missing().isEmpty()) {
      md.append("\n**Missing runs (").append(merged.missing().size())
          .append(")** — rerun the same `cifar sweep` command (or the missing shards) to train them:\n\n");
      for (PlannedRun p : merged.missing()) {
        md.append("- `").append(p.id()).append("` ").append(escape(p.name()))
            .append(" seed ").append(p.seed()).append('\n');
      }
    }
    if (!merged.refused().isEmpty()) {
      md.append("\n**Record files refused (").append(merged.refused().size()).append("):**\n\n");
      merged.refused().forEach(r -> md.append("- ").append(escape(r)).append('\n'));
    }
    if (merged.duplicates() > 0) {
      md.append("\n").append(merged.duplicates()).append(" duplicate record(s) of the same run were"
          + " merged (kept: a finished one over a failed one, then the newest).\n");
    }
    if (merged.outdated() > 0) {
      md.append("\n").append(merged.outdated()).append(" record(s) of runs that are no longer in the"
          + " sweep definition were left out.\n");
    }
  }
}
