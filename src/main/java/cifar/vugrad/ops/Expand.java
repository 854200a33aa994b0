package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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
    for (int r = 0; r < rows; r++) {
      if (axis == 0) {
        System.arraycopy(v, 0, z, r * cols, cols); // row r is a copy of the one input row
      } else {
        for (int c = 0; c < cols; c++) {
          z[r * cols + c] = v[r]; // row r repeats the input's element r
        }
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
    DMatrixRMaj sums =
        axis == 0 ? CommonOps_DDRM.sumCols(go, null) : CommonOps_DDRM.sumRows(go, null);
    return new Tensor[] {Tensor.of(sums)};
  }

  @Override
  public String name() {
    return "Expand(axis " + axis + ")";
  }
}
