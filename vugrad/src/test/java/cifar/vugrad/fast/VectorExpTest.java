package cifar.vugrad.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VectorExp} gives {@code Math.exp}'s values to within one unit in the last place. */
class VectorExpTest {

  /** Largest distance from Math.exp(sign·x), in units of Math.exp's last place. */
  private static double ulpsFromMathExp(double[] x, double sign) {
    double[] y = new double[x.length];
    VectorExp.exp(x, y, sign);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double expected = Math.exp(sign * x[i]);
      worst = Math.max(worst, Math.abs(y[i] - expected) / Math.ulp(expected));
    }
    return worst;
  }

  @Test
  void withinOneUlpOfMathExpOverTheWholeNormalRange() {
    Random random = new Random(11);
    // Small arguments, the sigmoid's usual ones, then up to the edge of the fast path (708).
    for (double scale : new double[] {1e-8, 0.3, 1, 5, 40, 300, 707.9}) {
      for (double sign : new double[] {1, -1}) {
        double[] x = new double[1000];
        for (int trial = 0; trial < 20; trial++) {
          for (int i = 0; i < x.length; i++) {
            x[i] = (2 * random.nextDouble() - 1) * scale;
          }
          double ulps = ulpsFromMathExp(x, sign);
          assertTrue(ulps <= 1, "scale " + scale + ", sign " + sign + ": " + ulps + " ulp");
        }
      }
    }
  }

  @Test
  void exactWhereTheAnswerIsExact() {
    double[] x = {0.0, -0.0, Math.log(2), 1e-300, -1e-300};
    double[] y = new double[x.length];
    VectorExp.exp(x, y, 1);
    assertEquals(1.0, y[0]);
    assertEquals(1.0, y[1]);
    assertEquals(2.0, y[2], Math.ulp(2.0));
    assertEquals(1.0, y[3]);
    assertEquals(1.0, y[4]);
  }

  @Test
  void outsideTheFastRangeEveryElementIsMathExp() {
    // One large, infinite or NaN element sends the whole array down Math.exp's path.
    double[][] arrays = {
      {0.5, 709.7, -1.0}, {0.5, 710, -2.0}, {-745.1, 3.0}, {-800, 0.25},
      {Double.POSITIVE_INFINITY, 1.0}, {Double.NEGATIVE_INFINITY, 1.0}, {Double.NaN, 2.0}
    };
    for (double[] x : arrays) {
      for (double sign : new double[] {1, -1}) {
        double[] y = new double[x.length];
        VectorExp.exp(x, y, sign);
        for (int i = 0; i < x.length; i++) {
          assertEquals(Math.exp(sign * x[i]), y[i], 0.0, "e^(" + sign + "·" + x[i] + ")");
        }
      }
    }
  }
}
