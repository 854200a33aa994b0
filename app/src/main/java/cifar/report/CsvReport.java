package cifar.report;

import cifar.report.table.ResultRow;
import cifar.report.table.TableFields.Field;
import cifar.report.table.TableFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** results.csv: the table as numbers (accuracies in percent), one row per config. */
final class CsvReport {
  static final String HEADER = String.join(",", TableFields.names());

  private CsvReport() {}

  static String render(List<ResultRow> rows) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (ResultRow r : rows) {
      List<String> cells = new ArrayList<>();
      for (Field f : TableFields.ALL) {
        cells.add(cell(f, f.value().apply(r)));
      }
      csv.append(String.join(",", cells)).append('\n');
    }
    return csv.toString();
  }

  /** Text quoted, numbers in the field's format, nothing for an absent value. */
  private static String cell(Field f, Object value) {
    if (value == null || value instanceof Double d && !Double.isFinite(d)) {
      return "";
    }
    return f.csvFormat() == null ? quote(value.toString())
        : String.format(Locale.ROOT, f.csvFormat(), value);
  }

  /** RFC 4180 quoting: always quote text fields, double any quote inside. */
  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
