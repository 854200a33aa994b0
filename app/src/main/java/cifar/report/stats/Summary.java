package cifar.report.stats;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * What a few repeated measurements say about their mean: how many, the mean, the sample standard
 * deviation and a 95% confidence interval for the mean from Student's t with n − 1 degrees of
 * freedom. Seeds of one config are such repeats; the interval says how far the mean of many more
 * seeds could plausibly lie from the one we measured.
 *
 * @param n how many values
 * @param mean their mean (NaN when n = 0)
 * @param std sample standard deviation, n − 1 in the denominator (NaN when n < 2)
 * @param ciLow lower end of the 95% interval for the mean (NaN when n < 2)
 * @param ciHigh upper end of the 95% interval for the mean (NaN when n < 2)
 */
public record Summary(int n, double mean, double std, double ciLow, double ciHigh) {
  /** The confidence level of every interval in the table. */
  public static final double LEVEL = 0.95;

  /** The summary of the given values (all expected finite). */
  public static Summary of(List<Double> values) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (n < 2) {
      return new Summary(n, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double squares = values.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
    double std = Math.sqrt(squares / (n - 1));
    double half = criticalT(n - 1) * std / Math.sqrt(n);
    return new Summary(n, mean, std, mean - half, mean + half);
  }

  /** The sample variance (std²), NaN when n < 2. */
  public double variance() {
    return std * std;
  }

  /**
   * The t value that leaves (1 − LEVEL) / 2 in each tail, for {@code df} degrees of freedom.
   * No random generator: the distribution is only evaluated, never sampled.
   */
  static double criticalT(double df) {
    return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
  }
}
