package cifar.vugrad.study;

import java.util.Locale;

/** The comparison as a text table: one row per epoch, "mean ± std" per activation. */
public final class SummaryTable {
  private SummaryTable() {}

  public static String format(CompareResult result) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%5s", "epoch"));
    for (var a : result.activations()) {
      out.append(String.format(Locale.ROOT, "  %-17s", a.label()));
    }
    out.append('\n');
    for (int epoch = 1; epoch <= result.epochs(); epoch++) {
      out.append(String.format(Locale.ROOT, "%5d", epoch));
      for (int a = 0; a < result.activations().size(); a++) {
        MeanStd s = result.meanStd(a, epoch);
        out.append(String.format(Locale.ROOT, "  %.4f ± %.4f   ", s.mean(), s.std()));
      }
      out.append('\n');
    }
    out.append("(validation accuracy over ").append(result.repeats()).append(" repeats)\n");
    return out.toString();
  }
}
