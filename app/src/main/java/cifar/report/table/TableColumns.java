package cifar.report.table;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of the results table as people read it, in results.md and report.html. A cell may
 * show several of the table's fields at once ("45.3 ± 0.1 (n=3)" is the mean, the std and n),
 * but together the columns show every field of {@link TableFields}, in its order, so the
 * Markdown, HTML, CSV and JSON tables say the same things.
 */
public final class TableColumns {
  /**
   * One column.
   *
   * @param header its heading
   * @param numeric right-aligned
   * @param fields the {@link TableFields} names it shows
   * @param sortBy the field a sortable table orders this column by (one of {@code fields})
   * @param code shown as code (an id)
   * @param cell its plain text for a row; each format escapes it as it needs
   */
  public record Column(String header, boolean numeric, List<String> fields, String sortBy,
      boolean code, Function<ResultRow, String> cell) {
    /** A column sorted by its first field. */
    Column(String header, boolean numeric, List<String> fields, Function<ResultRow, String> cell) {
      this(header, numeric, fields, fields.get(0), false, cell);
    }
  }

  private TableColumns() {}

  /** The columns, with {@code refLabel} ("62.0%") naming the study's reference accuracy. */
  public static List<Column> of(String refLabel) {
    List<Column> columns = List.of(
        text("run", "name", ResultRow::name),
        text("changes", "changes", r -> r.changes().isEmpty() ? "—" : r.changes()),
        number("runs", "planned", r -> Integer.toString(r.planned())),
        new Column("test accuracy %", true,
            List.of("n", "test_accuracy_mean_pct", "test_accuracy_std_pct"),
            "test_accuracy_mean_pct", false, Format::meanStd),
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
        new Column("config", false, List.of("config_id"), "config_id", true,
            ResultRow::configId));
    List<String> shown = columns.stream().flatMap(c -> c.fields().stream()).toList();
    if (!shown.equals(TableFields.names())) {
      throw new IllegalStateException("the results table shows " + shown + ", its fields are "
          + TableFields.names());
    }
    return columns;
  }

  /** The study's reference accuracy as a column label: "62.0%", or "reference" without one. */
  public static String referenceLabel(Double reference) {
    return reference == null ? "reference" : Format.pct(reference) + "%";
  }

  private static Column text(String header, String field, Function<ResultRow, String> cell) {
    return new Column(header, false, List.of(field), cell);
  }

  private static Column number(String header, String field, Function<ResultRow, String> cell) {
    return new Column(header, true, List.of(field), cell);
  }
}
