package cifar.report;

import java.util.List;

/** results.csv: the table as numbers (accuracies in percent), one row per config. */
final class CsvReport {
  static final String HEADER = "name,changes,config_id,planned,n,test_accuracy_mean_pct,"
      + "test_accuracy_std_pct,delta_vs_baseline_pct,delta_vs_reference_pct,study_reported_pct,"
      + "epochs,images_per_second,wall_seconds,status";

  private CsvReport() {}

  static String render(List<ResultRow> rows) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (ResultRow r : rows) {
      csv.append(String.join(",", quote(r.name()), quote(r.changes()), r.configId(),
          Integer.toString(r.planned()), Integer.toString(r.n()),
          Format.csv(100 * r.mean(), 2), Format.csv(100 * r.std(), 2),
          Format.csv(100 * r.deltaBaseline(), 2), Format.csv(100 * r.deltaReference(), 2),
          r.reported() == null ? "" : Format.csv(100 * r.reported(), 1),
          Integer.toString(r.epochs()), Format.csv(r.imagesPerSecond(), 0),
          Format.csv(r.wallSeconds(), 1), quote(r.status()))).append('\n');
    }
    return csv.toString();
  }

  /** RFC 4180 quoting: always quote text fields, double any quote inside. */
  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
