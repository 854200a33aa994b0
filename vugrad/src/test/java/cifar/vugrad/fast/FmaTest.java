package cifar.vugrad.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Fma#mulAdd} is a·b + c: one rounding where fused, or the plain multiply and add. */
class FmaTest {

  @Test
  void isTheFusedOrThePlainMultiplyAdd() {
    Random random = new Random(13);
    for (int i = 0; i < 10_000; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      double c = random.nextGaussian();
      double got = Fma.mulAdd(a, b, c);
      double plain = a * b + c;
      assertTrue(got == Math.fma(a, b, c) || got == plain, a + "·" + b + " + " + c + " = " + got);
      // Either way within one rounding of the plain loop's a * b + c.
      assertEquals(plain, got, 2 * Math.ulp(Math.abs(a * b) + Math.abs(c)));
    }
  }

  @Test
  void exactWhereTheAnswerIsExact() {
    assertEquals(7.0, Fma.mulAdd(2, 3, 1));
    assertEquals(0.0, Fma.mulAdd(0.5, 0, 0));
    assertEquals(-1.5, Fma.mulAdd(-0.5, 3, 0));
  }
}
