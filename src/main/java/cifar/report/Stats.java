package cifar.report;

import java.util.List;

/** Mean and sample standard deviation, the two numbers the table shows per config. */
final class Stats {
  private Stats() {}

  static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n - 1 in the denominator); NaN for fewer than two values. */
  static double std(List<Double> xs) {
    if (xs.size() < 2) {
      return Double.NaN;
    }
    double m = mean(xs);
    double ss = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
    return Math.sqrt(ss / (xs.size() - 1));
  }
}
