package cifar.report.html;

import cifar.report.table.ResultRow;
import cifar.report.table.TableColumns.Column;
import cifar.report.table.TableColumns;
import cifar.report.table.TableFields;
import java.util.List;
import java.util.Locale;

/**
 * The results table of results.md as an HTML table that sorts by any column: a click on a
 * heading sorts by it (again: the other way). Each cell carries the number it sorts by in {@code
 * data-sort} (the table field's unrounded value; empty for none, which sorts last either way),
 * so "61.2 ± 0.8 (n=3)" sorts as 61.2 and "1h 02m" as its seconds.
 */
final class ResultsTable {
  private ResultsTable() {}

  static String render(List<ResultRow> rows, Double reference) {
    List<Column> columns = TableColumns.of(TableColumns.referenceLabel(reference));
    StringBuilder h = new StringBuilder("<div class=\"scroll" + (rows.size() > 20 ? " long" : "")
        + "\"><table id=\"results\" class=\"sortable results\">\n<thead><tr>");
    for (Column c : columns) {
      h.append("<th scope=\"col\"").append(c.numeric() ? " class=\"num\"" : "")
          .append(" title=\"sort by ").append(Html.escape(c.sortBy())).append("\">")
          .append(Html.escape(c.header())).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (ResultRow r : rows) {
      h.append("<tr").append(r.isBaseline() ? " class=\"baseline\"" : "").append('>');
      for (Column c : columns) {
        String text = Html.escape(c.cell().apply(r));
        h.append("<td").append(c.numeric() ? " class=\"num\"" : "")
            .append(" data-sort=\"").append(Html.escape(sortKey(c, r))).append("\">")
            .append(c.code() ? "<code>" + text + "</code>" : text).append("</td>");
      }
      h.append("</tr>\n");
    }
    return h.append("</tbody></table></div>\n").toString();
  }

  private static String sortKey(Column c, ResultRow r) {
    Object v = TableFields.named(c.sortBy()).value().apply(r);
    if (v == null || v instanceof Double d && !Double.isFinite(d)) {
      return "";
    }
    return v instanceof Double d ? String.format(Locale.ROOT, "%.10g", d) : v.toString();
  }
}
