package cifar.report.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of the p-values of one table. A table of a dozen configs makes a
 * dozen comparisons with the baseline; at 0.05 each, one of them would come out "significant" by
 * chance more often than not. Holm's adjusted p-values keep the chance of any false finding in
 * the whole table under 0.05, and are never less powerful than Bonferroni's.
 */
public final class Holm {
  private Holm() {}

  /**
   * The adjusted p-values, in the order given. NaN entries (comparisons that could not be made)
   * stay NaN and do not count among the m comparisons. The i-th smallest of the m p-values is
   * multiplied by m − i + 1, capped at 1, and raised to the largest adjusted value before it, so
   * that the adjusted p-values keep the order of the raw ones.
   */
  public static double[] adjust(double[] p) {
    Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
        .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    int m = order.length;
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      running = Math.max(running, Math.min(1, (m - rank) * p[order[rank]]));
      adjusted[order[rank]] = running;
    }
    return adjusted;
  }
}
