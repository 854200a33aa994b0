package cifar.report.table;

import cifar.sweep.Durations;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Number formats shared by the Markdown table and the plots. */
public final class Format {
  private Format() {}

  /** A fraction as percent with one decimal: 0.6213 -> "62.1"; NaN -> "—". */
  public static String pct(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f", 100 * fraction) : "—";
  }

  /** A difference of fractions in percentage points with a sign: "+1.2", "-3.0". */
  static String delta(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f", 100 * fraction) : "—";
  }

  /** "59.6 ± 0.5 (n=3)", "59.6 (n=1)" or "—". */
  static String meanStd(ResultRow r) {
    if (r.n() == 0) {
      return "—";
    }
    String std = Double.isFinite(r.std()) ? " ± " + pct(r.std()) : "";
    return pct(r.mean()) + std + " (n=" + r.n() + ")";
  }

  /** An interval of fractions as "[59.3, 63.1]" in the given number format, or "—". */
  static String interval(double low, double high, DoubleFunction<String> format) {
    return Double.isFinite(low) && Double.isFinite(high)
        ? "[" + format.apply(low) + ", " + format.apply(high) + "]" : "—";
  }

  /** A p-value with two significant digits, "<0.001" below that, "—" when there is none. */
  static String p(double p) {
    if (!Double.isFinite(p)) {
      return "—";
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.2g", p);
  }

  /** A wall time as "1h 02m" or "—". */
  public static String duration(double seconds) {
    return Double.isFinite(seconds) ? Durations.format(seconds) : "—";
  }
}
