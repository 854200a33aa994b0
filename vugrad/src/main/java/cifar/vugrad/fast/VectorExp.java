package cifar.vugrad.fast;

/**
 * e^x for a whole array, written so that the JIT can turn its main loop into vector instructions.
 *
 * <p>Why not {@code Math.exp}: the JIT calls it once per element, and the sigmoid and softmax of
 * a synthetic epoch make hundreds of thousands of those calls, a large part of the epoch. A loop
 * of only additions and multiplications, which the JIT vectorises, does the same work in less
 * time, and stays within one unit in the last place of {@code Math.exp}.
 *
 * <p>How: write x = n·ln 2 + r with n a whole number and |r| ≤ ln(2)/2, so e^x = 2^n · e^r.
 * <ul>
 *   <li>n = round(x / ln 2), rounded by adding and subtracting 1.5·2^52: a double that large has
 *       no bits after the binary point, so the addition itself rounds to a whole number;
 *   <li>r = x − n·ln 2, with ln 2 split in two parts (Cody and Waite) so that n times the first
 *       part is exact and r keeps all its digits;
 *   <li>e^r from its Taylor series to r^13 (the next term is below 10^−17 for |r| ≤ 0.35), by
 *       Horner's rule with fused multiply-adds where the processor has them;
 *   <li>2^n is the double whose exponent field is n + 1023: the bits of the rounded sum above,
 *       shifted into place. Java 17's JIT does not vectorise that reinterpretation, so it runs
 *       as a second, scalar pass over the array; the first pass stores the rounded sums for it,
 *       rather than have it compute them again (which is faster).
 * </ul>
 * Arrays holding any |x| ≥ 708 (where 2^n would leave the normal range), infinities or NaN are
 * done again with {@code Math.exp} for every element, so those cases behave exactly like
 * {@code Math.exp}.
 */
public final class VectorExp {
  private static final double LOG2_E = 1.4426950408889634;
  /** ln 2 in two parts: the upper one has trailing zero bits, so n·LN2_HI is exact for |n| < 2^11. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** Adding this rounds a double of magnitude below 2^51 to a whole number. */
  private static final double ROUND = 0x1.8p52;
  /** Below this |x|, e^x and 2^n stay normal doubles. */
  private static final double RANGE = 708;

  private VectorExp() {}

  /** Each thread's array for the rounded sums of {@link #exp}'s first pass, grown as needed. */
  private static final ThreadLocal<double[]> ROUNDED = ThreadLocal.withInitial(() -> new double[0]);

  /** Fills {@code y} with e^(sign·x), element by element; sign is 1 or −1. */
  public static void exp(double[] x, double[] y, double sign) {
    double[] rounded = ROUNDED.get();
    if (rounded.length < x.length) {
      rounded = new double[x.length];
      ROUNDED.set(rounded);
    }
    for (int i = 0; i < x.length; i++) {
      double v = sign * x[i];
      double sum = v * LOG2_E + ROUND;
      rounded[i] = sum; // for the second pass, which needs its bits
      double n = sum - ROUND;
      double r = (v - n * LN2_HI) - n * LN2_LO;
      double p = 1.0 / 6227020800.0; // 1/13!, then Horner's rule down to 1
      p = Fma.mulAdd(p, r, 1.0 / 479001600);
      p = Fma.mulAdd(p, r, 1.0 / 39916800);
      p = Fma.mulAdd(p, r, 1.0 / 3628800);
      p = Fma.mulAdd(p, r, 1.0 / 362880);
      p = Fma.mulAdd(p, r, 1.0 / 40320);
      p = Fma.mulAdd(p, r, 1.0 / 5040);
      p = Fma.mulAdd(p, r, 1.0 / 720);
      p = Fma.mulAdd(p, r, 1.0 / 120);
      p = Fma.mulAdd(p, r, 1.0 / 24);
      p = Fma.mulAdd(p, r, 1.0 / 6);
      p = Fma.mulAdd(p, r, 0.5);
      p = Fma.mulAdd(p, r, 1.0);
      y[i] = Fma.mulAdd(p, r, 1.0);
    }
    boolean inRange = true;
    for (int i = 0; i < x.length; i++) {
      // The rounded sum's low bits hold n, and n + 1023 shifted left by 52 is the bit pattern of
      // 2^n (the higher bits of the sum are shifted out).
      long bits = Double.doubleToRawLongBits(rounded[i]);
      y[i] *= Double.longBitsToDouble((bits + 1023) << 52);
      // The range check rides along in this pass, which is scalar anyway; in a pass of its own
      // it cost as much as the polynomial. NaN fails the comparison too.
      inRange &= Math.abs(sign * x[i]) < RANGE;
    }
    if (!inRange) {
      for (int i = 0; i < x.length; i++) {
        y[i] = Math.exp(sign * x[i]);
      }
    }
  }
}
