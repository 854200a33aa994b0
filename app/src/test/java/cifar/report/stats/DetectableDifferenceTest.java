package cifar.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * The sizes docs/SWEEPS.md quotes for the smallest difference three seeds per config reliably
 * detect, by the usual approximation for a two-sample t-test: (t(1 − α/2) + t(power)) · sd ·
 * sqrt(2 / n), with df = 2(n − 1) (what Welch's df is when both sides spread alike).
 */
class DetectableDifferenceTest {
  private static double detectable(double sd, int n, double alpha, double power) {
    TDistribution t = new TDistribution(null, 2.0 * (n - 1));
    return (t.inverseCumulativeProbability(1 - alpha / 2) + t.inverseCumulativeProbability(power))
        * sd * Math.sqrt(2.0 / n);
  }

  @Test
  void threeSeedsFindOnlyDifferencesOfSeveralPoints() {
    // sd 0.8 points, the spread of the study's baseline over three seeds; 80% power
    assertEquals(2.4, detectable(0.8, 3, 0.05, 0.8), 0.05);
    // the first step of Holm's correction over the study's 11 comparisons tests at 0.05 / 11
    assertEquals(4.4, detectable(0.8, 3, 0.05 / 11, 0.8), 0.05);
    // ten seeds per config bring it to about a point
    assertEquals(1.1, detectable(0.8, 10, 0.05, 0.8), 0.05);
  }
}
