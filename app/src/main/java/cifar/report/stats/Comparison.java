package cifar.report.stats;

import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * One config against its baseline config: the difference of their mean accuracies, a 95%
 * confidence interval for it and the two-sided p-value of Welch's t-test. Welch's test does not
 * assume the two configs vary equally from seed to seed (a high learning rate, say, spreads its
 * seeds more than the baseline does); its degrees of freedom are Welch–Satterthwaite's.
 *
 * <p>Edge cases, so that the table never throws: with fewer than two values on either side there
 * is no spread to test against, so the interval and p are NaN. When both sides have zero spread
 * (every seed gave the same accuracy) the t statistic is 0/0 or ±∞: equal means give p = 1 (no
 * difference at all), different means p = 0, and the interval is the difference itself.
 *
 * @param diff mean of the config minus mean of the baseline (NaN when either has no values)
 * @param ciLow lower end of the 95% Welch interval for {@code diff}
 * @param ciHigh upper end of the 95% Welch interval for {@code diff}
 * @param df Welch–Satterthwaite degrees of freedom (NaN when undefined)
 * @param p two-sided p-value of Welch's t-test
 */
public record Comparison(double diff, double ciLow, double ciHigh, double df, double p) {
  /** No comparison: the baseline itself, or a config without a baseline. */
  public static final Comparison NONE =
      new Comparison(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** {@code config} against {@code baseline}, by Welch's t-test. */
  public static Comparison of(Summary config, Summary baseline) {
    double diff = config.mean() - baseline.mean();
    if (config.n() < 2 || baseline.n() < 2) {
      return new Comparison(diff, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double a = config.variance() / config.n();
    double b = baseline.variance() / baseline.n();
    if (a + b == 0) {
      return new Comparison(diff, diff, diff, Double.NaN, diff == 0 ? 1 : 0);
    }
    double df = (a + b) * (a + b)
        / (a * a / (config.n() - 1) + b * b / (baseline.n() - 1));
    double half = Summary.criticalT(df) * Math.sqrt(a + b);
    double p = new TTest().tTest(values(config), values(baseline));
    return new Comparison(diff, diff - half, diff + half, df, p);
  }

  /** What commons-math's t-test reads of a sample: mean, variance and n (min, max unused). */
  private static StatisticalSummaryValues values(Summary s) {
    return new StatisticalSummaryValues(s.mean(), s.variance(), s.n(), Double.NaN, Double.NaN,
        s.mean() * s.n());
  }
}
