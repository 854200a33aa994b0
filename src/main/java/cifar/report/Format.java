package cifar.report;

import java.util.Locale;

/** Number formats shared by the Markdown table and the plots. */
final class Format {
  private Format() {}

  /** A fraction as percent with one decimal: 0.6213 -> "62.1"; NaN -> "—". */
  static String pct(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f", 100 * fraction) : "—";
  }

  /** A difference of fractions in percentage points with a sign: "+1.2", "-3.0". */
  static String delta(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f", 100 * fraction) : "—";
  }

  /** "59.6 ± 0.5 (3)", "59.6 (1)" or "—". */
  static String meanStd(ResultRow r) {
    if (r.n() == 0) {
      return "—";
    }
    String std = Double.isFinite(r.std()) ? " ± " + pct(r.std()) : "";
    return pct(r.mean()) + std + " (" + r.n() + ")";
  }

  /** A plain number for CSV: fixed decimals, empty when NaN. */
  static String csv(double x, int decimals) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + decimals + "f", x) : "";
  }
}
