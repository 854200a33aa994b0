package cifar.report;

import cifar.sweep.Durations;
import cifar.sweep.MergedRecords;
import cifar.sweep.PlannedRun;
import cifar.sweep.SweepPlan;
import java.util.List;
import java.util.Locale;

/** results.md: the table against the study's baseline, then what is missing or was refused. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(MergedRecords merged, List<ResultRow> rows) {
    SweepPlan plan = merged.sweep().plan();
    Double reference = plan.runs().isEmpty() ? null : plan.runs().get(0).reference();
    String refLabel = reference == null ? "reference" : Format.pct(reference) + "%";
    StringBuilder md = new StringBuilder();
    md.append("# Sweep ").append(plan.name()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%d of %d runs recorded. Test accuracy in %% after the last"
        + " epoch: mean ± sample std over seeds (n). Δ in percentage points against the sweep's own"
        + " baseline config and against the study's %s.%n%n",
        merged.records().size(), plan.runs().size(), refLabel));
    md.append("| run | changes | test accuracy % | Δ vs baseline | Δ vs ").append(refLabel)
        .append(" | study | epochs | images/s | wall time | status |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (ResultRow r : rows) {
      md.append("| ").append(escape(r.name()))
          .append(" | ").append(r.changes().isEmpty() ? "—" : escape(r.changes()))
          .append(" | ").append(Format.meanStd(r))
          .append(" | ").append(r.isBaseline() ? "(baseline)" : Format.delta(r.deltaBaseline()))
          .append(" | ").append(Format.delta(r.deltaReference()))
          .append(" | ").append(r.reported() == null ? "—" : Format.pct(r.reported()))
          .append(" | ").append(r.epochs())
          .append(" | ").append(Double.isFinite(r.imagesPerSecond())
              ? String.format(Locale.ROOT, "%,.0f", r.imagesPerSecond()) : "—")
          .append(" | ").append(Double.isFinite(r.wallSeconds()) ? Durations.format(r.wallSeconds()) : "—")
          .append(" | ").append(r.status()).append(" |\n");
    }
    appendProblems(md, merged);
    return md.toString();
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

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }
}
