package cifar.vugrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.nn.Functions;
import cifar.vugrad.ops.BatchMM;
import cifar.vugrad.ops.Expand;
import cifar.vugrad.ops.Normalize;
import cifar.vugrad.ops.RowMax;
import cifar.vugrad.ops.RowSum;
import cifar.vugrad.ops.Select;
import cifar.vugrad.ops.Squeeze;
import cifar.vugrad.ops.Sum;
import cifar.vugrad.ops.Unsqueeze;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forward values and shapes; the gradients are checked in GradCheckTest. */
class OpsTest {
  private static TensorNode node(int rows, int cols, double... values) {
    return new TensorNode(Tensor.matrix(rows, cols, values));
  }

  @Test
  void matrixProducts() {
    TensorNode x = node(2, 3, 1, 2, 3, 4, 5, 6);
    TensorNode w = node(3, 1, 1, 0, -1);
    assertArrayEquals(new double[] {-2, -2}, x.matmul(w).value().values());
    // BatchMM(W, X) = X·Wᵀ: W (1, 3) applied to each row of X.
    TensorNode row = node(1, 3, 1, 0, -1);
    TensorNode z = BatchMM.OP.apply(row, x);
    assertArrayEquals(new int[] {2, 1}, z.shape());
    assertArrayEquals(new double[] {-2, -2}, z.value().values());
  }

  @Test
  void expandCopiesEveryRowAndItsBackwardSumsEveryCopy() {
    Random random = new Random(3);
    for (int rows : new int[] {0, 1, 2, 5, 7, 128}) {
      for (int cols : new int[] {1, 2, 3}) {
        double[] row = random.doubles(cols).toArray();
        Tensor z = new Expand(0, rows).forward(new Context(), Tensor.matrix(1, cols, row))[0];
        double[] g = random.doubles((long) rows * cols).toArray();
        Tensor dRow = new Expand(0, rows).backward(new Context(), Tensor.matrix(rows, cols, g))[0];
        double[] column = random.doubles(rows).toArray();
        Tensor y = new Expand(1, cols).forward(new Context(), Tensor.matrix(rows, 1, column))[0];
        Tensor dColumn = new Expand(1, cols).backward(new Context(), Tensor.matrix(rows, cols, g))[0];
        String where = rows + " rows, " + cols + " columns";
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            assertEquals(row[c], z.get(r, c), where);
            assertEquals(column[r], y.get(r, c), where);
          }
        }
        for (int c = 0; c < cols; c++) {
          double sum = 0;
          for (int r = 0; r < rows; r++) {
            sum += g[r * cols + c];
          }
          assertEquals(sum, dRow.get(0, c), 1e-12, where);
        }
        for (int r = 0; r < rows; r++) {
          double sum = 0;
          for (int c = 0; c < cols; c++) {
            sum += g[r * cols + c];
          }
          assertEquals(sum, dColumn.get(r, 0), 1e-12, where);
        }
      }
    }
  }

  @Test
  void expandRepeatsAlongAnAxisOfLengthOne() {
    TensorNode b = node(1, 2, 5, 7);
    TensorNode e = new Expand(0, 3).apply(b);
    assertArrayEquals(new int[] {3, 2}, e.shape());
    assertArrayEquals(new double[] {5, 7, 5, 7, 5, 7}, e.value().values());
    TensorNode c = node(2, 1, 5, 7);
    assertArrayEquals(new double[] {5, 5, 7, 7}, new Expand(1, 2).apply(c).value().values());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new Expand(0, 3).apply(c));
    assertTrue(error.getMessage().contains("Expand") && error.getMessage().contains("(2, 1)"));
  }

  @Test
  void reductionsAndSelection() {
    TensorNode x = node(2, 3, 1, 5, 2, -1, -3, -2);
    assertEquals(2.0, Sum.OP.apply(x).value().item());
    assertArrayEquals(new double[] {8, -6}, RowSum.OP.apply(x).value().values());
    assertArrayEquals(new double[] {5, -1}, RowMax.OP.apply(x).value().values());
    assertArrayEquals(new double[] {2, -3}, new Select(new int[] {2, 1}).apply(x).value().values());
    assertThrows(IllegalArgumentException.class, () -> new Select(new int[] {3, 0}).apply(x));
  }

  @Test
  void normalizeMakesRowsSumToOne() {
    TensorNode x = node(2, 2, 1, 3, 2, 2);
    assertArrayEquals(new double[] {0.25, 0.75, 0.5, 0.5}, Normalize.OP.apply(x).value().values(), 1e-15);
  }

  @Test
  void squeezeAndUnsqueezeOnlyChangeTheShape() {
    TensorNode v = new TensorNode(Tensor.vector(1, 2, 3));
    TensorNode column = new Unsqueeze(1).apply(v);
    assertArrayEquals(new int[] {3, 1}, column.shape());
    assertArrayEquals(new int[] {1, 3}, new Unsqueeze(0).apply(v).shape());
    assertArrayEquals(new int[] {3}, new Squeeze(1).apply(column).shape());
    assertThrows(IllegalArgumentException.class, () -> new Squeeze(0).apply(column));
  }

  @Test
  void logsoftmaxIsStableWhereTheNaiveFormulaOverflows() {
    TensorNode x = node(1, 3, 1000, 1001, 1002);
    double[] lsm = Functions.logsoftmax(x).value().values();
    double lse = Math.log(Math.exp(-2) + Math.exp(-1) + 1);
    assertArrayEquals(new double[] {-2 - lse, -1 - lse, -lse}, lsm, 1e-12);
    TensorNode small = node(1, 3, 0.1, 0.2, 0.3);
    double[] viaSoftmax = Functions.softmax(small).value().values();
    double[] direct = Functions.logsoftmax(small).value().values();
    for (int i = 0; i < 3; i++) {
      assertEquals(Math.log(viaSoftmax[i]), direct[i], 1e-12);
    }
  }

  @Test
  void crossEntropyIsMinusTheSummedLogProbabilityOfTheTargets() {
    TensorNode p = node(2, 2, 0.25, 0.75, 0.5, 0.5);
    double expected = -(Math.log(0.75) + Math.log(0.5));
    assertEquals(expected, Functions.celoss(p, new int[] {1, 0}).value().item(), 1e-12);
  }
}
