package cifar.vugrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cifar.vugrad.Tensor;
import cifar.vugrad.Workspace;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Every kernel that {@link Products} picks (by shape, transposition and size) gives the product
 * that EJML's plain {@code mult} gives.
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
  void everyFormMatchesEjml() {
    Random random = new Random(7);
    for (int[] s : SHAPES) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, k, -1, 1, random);
      DMatrixRMaj b = RandomMatrices_DDRM.rectangle(k, m, -1, 1, random);
      DMatrixRMaj expected = new DMatrixRMaj(n, m);
      CommonOps_DDRM.mult(a, b, expected);

      assertClose(expected, mult(a, false, b, false), "A·B", s);
      assertClose(expected, mult(CommonOps_DDRM.transpose(a, null), true, b, false), "Aᵀ·B", s);
      assertClose(expected, mult(a, false, CommonOps_DDRM.transpose(b, null), true), "A·Bᵀ", s);
    }
  }

  /**
   * Inside a workspace the kernels get recycled arrays that still hold an earlier batch's numbers:
   * every element of the result must be written, for every path (including no inner dimension).
   */
  @Test
  void recycledArraysLeaveNoTrace() {
    Random random = new Random(11);
    try (Workspace memory = Workspace.open()) {
      for (int[] s : SHAPES) {
        Arrays.fill(Workspace.forOverwrite(s[0] * s[2]), Double.NaN);
        memory.recycle(); // the NaN array is the next one of that length handed out
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(s[0], s[1], -1, 1, random);
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(s[1], s[2], -1, 1, random);
        DMatrixRMaj expected = new DMatrixRMaj(s[0], s[2]);
        CommonOps_DDRM.mult(a, b, expected);
        assertClose(expected, mult(a, false, b, false), "A·B after NaN", s);
        memory.recycle();
      }
    }
  }

  /** {@link Products#mult} on EJML matrices, as a matrix again (for comparing with EJML's). */
  private static DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
    return Products.mult(Tensor.of(a), transA, Tensor.of(b), transB).matrix();
  }

  private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String form, int[] s) {
    String where = form + " for n, k, m = " + s[0] + ", " + s[1] + ", " + s[2];
    assertArrayEquals(new int[] {expected.numRows, expected.numCols},
        new int[] {actual.numRows, actual.numCols}, where);
    assertArrayEquals(expected.data, actual.data, 1e-12 * s[1], where);
  }
}
