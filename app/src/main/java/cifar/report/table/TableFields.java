package cifar.report.table;

import java.util.List;
import java.util.function.Function;

/**
 * The columns of the results table as values, in the units the files show (accuracies and
 * differences in percent): the one list that results.csv and results.json are written from and
 * that the Markdown table's columns must cover, so the three files never disagree on what a
 * table has.
 */
public final class TableFields {
  /**
   * One column.
   *
   * @param name its CSV header and JSON key
   * @param csvFormat how CSV prints a number ({@link String#format} pattern), null for text
   * @param value the value of a row: a String, Integer, Double (NaN when absent) or null
   */
  public record Field(String name, String csvFormat, Function<ResultRow, Object> value) {}

  public static final List<Field> ALL = List.of(
      text("name", ResultRow::name),
      text("changes", ResultRow::changes),
      new Field("planned", "%d", ResultRow::planned),
      new Field("n", "%d", ResultRow::n),
      pct("test_accuracy_mean_pct", ResultRow::mean),
      pct("test_accuracy_std_pct", ResultRow::std),
      pct("test_accuracy_ci_low_pct", ResultRow::ciLow),
      pct("test_accuracy_ci_high_pct", ResultRow::ciHigh),
      pct("delta_vs_baseline_pct", ResultRow::deltaBaseline),
      pct("delta_ci_low_pct", ResultRow::deltaCiLow),
      pct("delta_ci_high_pct", ResultRow::deltaCiHigh),
      new Field("p_value", "%.3g", ResultRow::p),
      new Field("p_holm", "%.3g", ResultRow::holmP),
      pct("delta_vs_reference_pct", ResultRow::deltaReference),
      pct("study_reported_pct", r -> r.reported() == null ? Double.NaN : r.reported()),
      text("verdict", r -> r.verdict() == null ? null : r.verdict().label()),
      new Field("epochs", "%d", ResultRow::epochs),
      new Field("images_per_second", "%.0f", ResultRow::imagesPerSecond),
      new Field("wall_seconds", "%.1f", ResultRow::wallSeconds),
      text("status", ResultRow::status),
      text("config_id", ResultRow::configId));

  private TableFields() {}

  /** The CSV header and JSON keys, in table order. */
  public static List<String> names() {
    return ALL.stream().map(Field::name).toList();
  }

  /** The field called {@code name}. */
  public static Field named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table field " + name));
  }

  private static Field text(String name, Function<ResultRow, String> value) {
    return new Field(name, null, value::apply);
  }

  /** A fraction of the row shown in percent, two decimals in CSV. */
  private static Field pct(String name, Function<ResultRow, Double> fraction) {
    return new Field(name, "%.2f", r -> 100 * fraction.apply(r));
  }
}
