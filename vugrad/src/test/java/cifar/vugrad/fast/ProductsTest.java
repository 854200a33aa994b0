package cifar.vugrad.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every kernel that {@link Products} picks (by shape, transposition and size) gives the product
 * that the plain triple loop gives.
 */
class ProductsTest {
  private static final int[][] SHAPES = { // n, k, m
    {128, 2, 8}, {128, 8, 2}, {2, 128, 8}, {8, 128, 2}, {1, 1, 1}, {3, 5, 7}, {1000, 8, 2},
    {9, 11, 17}, {20, 4, 3}, {4, 0, 9}, // blocks of 8 with the rest, by rows, no inner dimension
    {19, 1, 11}, {30, 2, 5}, // inner dimension 1 (small) and 2 (shortInner), by columns and by rows
    // Above THREADED_FLOPS, the blocked kernel: blocks of 128 columns and groups of 4 rows, each
    // with a remainder (and a long inner dimension).
    {130, 130, 130}, {9, 300, 1000}, {5, 3000, 150}
  };

  @Test
  void everyFormMatchesThePlainLoop() {
    Random random = new Random(7);
    for (int[] s : SHAPES) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      double[] a = uniform(n * k, random);
      double[] b = uniform(k * m, random);
      double[] expected = plainProduct(a, b, n, k, m);

      assertClose(expected, mult(a, n, k, false, b, k, m, false), "A·B", s);
      assertClose(expected, mult(transpose(a, n, k), k, n, true, b, k, m, false), "Aᵀ·B", s);
      assertClose(expected, mult(a, n, k, false, transpose(b, k, m), m, k, true), "A·Bᵀ", s);
    }
  }

  /**
   * The kernels write into an array that may hold an earlier batch's numbers: every element of
   * the result must be written, for every path (including no inner dimension).
   */
  @Test
  void everyElementOfTheResultIsWritten() {
    Random random = new Random(11);
    for (int[] s : SHAPES) {
      double[] a = uniform(s[0] * s[1], random);
      double[] b = uniform(s[1] * s[2], random);
      double[] c = new double[s[0] * s[2]];
      Arrays.fill(c, Double.NaN);
      Products.mult(a, s[0], s[1], false, b, s[1], s[2], false, c);
      assertClose(plainProduct(a, b, s[0], s[1], s[2]), c, "A·B after NaN", s);
    }
  }

  /** C = A·B by the definition, C_ij = Σ_p A_ip B_pj, summed from p = 0 up. */
  private static double[] plainProduct(double[] a, double[] b, int n, int k, int m) {
    double[] c = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          sum += a[i * k + p] * b[p * m + j];
        }
        c[i * m + j] = sum;
      }
    }
    return c;
  }

  private static double[] mult(
      double[] a, int aRows, int aCols, boolean transA, double[] b, int bRows, int bCols, boolean transB) {
    int n = transA ? aCols : aRows;
    int m = transB ? bRows : bCols;
    double[] c = new double[n * m];
    Products.mult(a, aRows, aCols, transA, b, bRows, bCols, transB, c);
    return c;
  }

  private static double[] transpose(double[] x, int rows, int cols) {
    double[] t = new double[x.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = x[r * cols + c];
      }
    }
    return t;
  }

  private static double[] uniform(int n, Random random) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return x;
  }

  private static void assertClose(double[] expected, double[] actual, String form, int[] s) {
    String where = form + " for n, k, m = " + s[0] + ", " + s[1] + ", " + s[2];
    assertArrayEquals(expected, actual, 1e-12 * s[1], where);
  }
}
