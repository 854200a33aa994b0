package cifar.report;

import cifar.json.Json;
import cifar.report.stats.Summary;
import cifar.report.stats.Verdict;
import cifar.report.table.ResultRow;
import cifar.report.table.TableFields.Field;
import cifar.report.table.TableFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * results.json: the table for programs, the same columns as results.csv under the same names,
 * numbers unrounded, and null where the CSV cell is empty (JSON has no NaN).
 */
final class JsonReport {
  /** Raised when a column changes meaning or is removed; adding a column keeps it. */
  static final int FORMAT = 1;

  /**
   * The file's content.
   *
   * @param sweep the sweep's name
   * @param confidenceLevel the level of every interval in the table
   * @param alpha the level the Holm-adjusted p-value must be under for a verdict
   * @param rows one object per config, keys as the CSV header
   */
  record Content(String sweep, double confidenceLevel, double alpha,
      List<Map<String, Object>> rows) {}

  private JsonReport() {}

  static String render(String sweep, List<ResultRow> rows) {
    Content content = new Content(sweep, Summary.LEVEL, Verdict.ALPHA,
        rows.stream().map(JsonReport::row).toList());
    return Json.write(content, FORMAT); // nulls kept, so that every row has every key
  }

  private static Map<String, Object> row(ResultRow r) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Field f : TableFields.ALL) {
      Object value = f.value().apply(r);
      row.put(f.name(), value instanceof Double d && !Double.isFinite(d) ? null : value);
    }
    return row;
  }
}
