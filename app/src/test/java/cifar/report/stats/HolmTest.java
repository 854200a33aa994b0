package cifar.report.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void stepsDownAndStaysMonotone() {
    // by hand: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04; the last
    // is raised to 0.06 so the adjusted values keep the raw order
    double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-15);
  }

  @Test
  void capsAtOneAndSkipsComparisonsThatWereNotMade() {
    double[] adjusted = Holm.adjust(new double[] {Double.NaN, 0.6, 0.01, Double.NaN, 0.2});
    assertTrue(Double.isNaN(adjusted[0]) && Double.isNaN(adjusted[3]));
    // m = 3: 0.01 * 3, 0.2 * 2, 0.6 * 1
    assertEquals(0.03, adjusted[2], 1e-15);
    assertEquals(0.4, adjusted[4], 1e-15);
    assertEquals(0.6, adjusted[1], 1e-15);
    assertEquals(1, Holm.adjust(new double[] {0.5, 0.7})[0], "2 * 0.5 = 1, 0.7 raised to it");
    assertEquals(1, Holm.adjust(new double[] {0.5, 0.7})[1]);
  }

  @Test
  void noComparisonsNoAdjustment() {
    assertEquals(0, Holm.adjust(new double[0]).length);
    assertEquals(0.2, Holm.adjust(new double[] {0.2})[0]);
  }
}
