package cifar.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of results.md. A Markdown cell may show several of the table's fields at once
 * ("45.3 ± 0.1 (n=3)" is the mean, the std and n), but together the columns show every field of
 * {@link TableFields}, in its order, so the Markdown, CSV and JSON tables say the same things.
 */
final class MarkdownColumns {
  /**
   * One column.
   *
   * @param header its heading
   * @param numeric right-aligned
   * @param fields the {@link TableFields} names it shows
   * @param cell its text for a row (already escaped for a table cell)
   */
  record Column(String header, boolean numeric, List<String> fields,
      Function<ResultRow, String> cell) {}

  private MarkdownColumns() {}

  /** The columns, with {@code refLabel} ("62.0%") naming the study's reference accuracy. */
  static List<Column> of(String refLabel) {
    List<Column> columns = List.of(
        text("run", "name", r -> escape(r.name())),
        text("changes", "changes", r -> r.changes().isEmpty() ? "—" : escape(r.changes())),
        number("runs", "planned", r -> Integer.toString(r.planned())),
        new Column("test accuracy %", true,
            List.of("n", "test_accuracy_mean_pct", "test_accuracy_std_pct"), Format::meanStd),
        new Column("95% CI", true, List.of("test_accuracy_ci_low_pct", "test_accuracy_ci_high_pct"),
            r -> Format.interval(r.ciLow(), r.ciHigh(), Format::pct)),
        number("Δ vs baseline", "delta_vs_baseline_pct",
            r -> r.isBaseline() ? "(baseline)" : Format.delta(r.deltaBaseline())),
        new Column("95% CI of Δ", true, List.of("delta_ci_low_pct", "delta_ci_high_pct"),
            r -> Format.interval(r.deltaCiLow(), r.deltaCiHigh(), Format::delta)),
        number("p", "p_value", r -> Format.p(r.p())),
        number("Holm p", "p_holm", r -> Format.p(r.holmP())),
        number("Δ vs " + refLabel, "delta_vs_reference_pct", r -> Format.delta(r.deltaReference())),
        number("study", "study_reported_pct",
            r -> r.reported() == null ? "—" : Format.pct(r.reported())),
        text("verdict", "verdict", r -> r.verdict() == null ? "—" : r.verdict().label()),
        number("epochs", "epochs", r -> Integer.toString(r.epochs())),
        number("images/s", "images_per_second", r -> Double.isFinite(r.imagesPerSecond())
            ? String.format(Locale.ROOT, "%,.0f", r.imagesPerSecond()) : "—"),
        number("wall time", "wall_seconds", r -> Format.duration(r.wallSeconds())),
        text("status", "status", ResultRow::status),
        text("config", "config_id", r -> "`" + r.configId() + "`"));
    List<String> shown = columns.stream().flatMap(c -> c.fields().stream()).toList();
    if (!shown.equals(TableFields.names())) {
      throw new IllegalStateException("results.md shows " + shown + ", the table has "
          + TableFields.names());
    }
    return columns;
  }

  static String escape(String s) {
    return s.replace("|", "\\|");
  }

  private static Column text(String header, String field, Function<ResultRow, String> cell) {
    return new Column(header, false, List.of(field), cell);
  }

  private static Column number(String header, String field, Function<ResultRow, String> cell) {
    return new Column(header, true, List.of(field), cell);
  }
}
