package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Repeats a matrix along an axis of length 1: (1, m) → (n, m) for axis 0, (n, 1) → (n, m) for
 * axis 1. This is broadcasting made explicit, and it is an outer product with a ones vector
 * (axis 0: Z = 1ₙ·B), which is how vugrad adds one bias row to every instance of a batch.
 */
public final class Expand implements Op {
  private final int axis;
  private final int repeats;

  public Expand(int axis, int repeats) {
    if (axis != 0 && axis != 1) {
      throw new IllegalArgumentException("Expand: axis must be 0 or 1, not " + axis);
    }
    this.axis = axis;
    this.repeats = repeats;
  }

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Tensor x = in[0];
    Shapes.requireRank(this, x, 2);
    Shapes.require(
        x.size(axis) == 1, this::name,
        () -> "can only expand an axis of length 1, axis " + axis + " of " + x.show() + " is not");
    int rows = axis == 0 ? repeats : x.size(0);
    int cols = axis == 1 ? repeats : x.size(1);
    double[] v = x.values();
    double[] z = new double[rows * cols];
    // Plain loops: rows are a few numbers long here, too short for a System.arraycopy per row.
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        z[r * cols + c] = v[axis == 0 ? c : r]; // axis 0: the one input row; axis 1: element r
      }
    }
    return new Tensor[] {Tensor.of(new int[] {rows, cols}, z)};
  }

  /**
   * Each input element was copied into every position along the expanded axis, so it influenced
   * the loss through every copy: its gradient is the sum of the copies' gradients, i.e. G summed
   * over the expanded axis (for the outer product 1ₙ·B: dB = 1ₙᵀ·G, the column sums of G).
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    DMatrixRMaj go = g[0].matrix();
    int rows = go.numRows;
    int cols = go.numCols;
    double[] sums = new double[axis == 0 ? cols : rows];
    // One pass along the rows as they lie in memory; for axis 0 that keeps one running sum per
    // column (independent additions) instead of walking down each column in turn.
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        sums[axis == 0 ? c : r] += go.data[r * cols + c];
      }
    }
    int[] shape = axis == 0 ? new int[] {1, cols} : new int[] {rows, 1};
    return new Tensor[] {Tensor.of(shape, sums)};
  }

  @Override
  public String name() {
    return "Expand(axis " + axis + ")";
  }
}
