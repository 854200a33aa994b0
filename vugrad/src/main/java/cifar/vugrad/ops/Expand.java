package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;
import java.util.Arrays;

/**
 * Repeats a matrix along an axis of length 1: (1, m) → (n, m) for axis 0, (n, 1) → (n, m) for
 * axis 1. This is broadcasting made explicit, and it is an outer product with a ones vector
 * (axis 0: Z = 1ₙ·B), which is how vugrad adds one bias row to every instance of a batch.
 */
public final class Expand extends Op {
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
    Tensor out = Tensor.empty(rows, cols);
    double[] z = out.values();
    if (axis == 0) {
      // Every row is the input row: write it once, then copy the rows made so far onto the next
      // ones, doubling each time (log₂ n bulk copies instead of n·m single writes).
      System.arraycopy(v, 0, z, 0, Math.min(cols, z.length)); // no rows at all: nothing to write
      for (int filled = cols; filled < z.length; filled *= 2) {
        System.arraycopy(z, 0, z, filled, Math.min(filled, z.length - filled));
      }
    } else {
      // Row r is element r repeated; rows are short (a few classes), so run down the rows instead.
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          z[r * cols + c] = v[r];
        }
      }
    }
    return new Tensor[] {out};
  }

  /**
   * Each input element was copied into every position along the expanded axis, so it influenced
   * the loss through every copy: its gradient is the sum of the copies' gradients, i.e. G summed
   * over the expanded axis (for the outer product 1ₙ·B: dB = 1ₙᵀ·G, the column sums of G).
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    double[] go = g[0].values();
    int rows = g[0].rows();
    int cols = g[0].cols();
    Tensor result;
    if (axis == 0) {
      // The column sums of G, added pairwise: fold the bottom half of the rows onto the top half
      // until one row is left. Each fold is one run along memory, and pairwise sums round better
      // than a running sum.
      double[] t = g[0].emptyLike().values(); // a copy: G may be shared, never write into it
      System.arraycopy(go, 0, t, 0, go.length);
      for (int left = rows; left > 1; ) {
        int half = left / 2;
        int from = (left - half) * cols; // the last `half` rows go onto the first `half`
        for (int i = 0; i < half * cols; i++) {
          t[i] += t[from + i];
        }
        left -= half;
      }
      result = Tensor.empty(1, cols);
      double[] sums = result.values();
      if (rows == 0) {
        Arrays.fill(sums, 0.0); // no rows: every sum is 0
      } else {
        System.arraycopy(t, 0, sums, 0, cols);
      }
    } else {
      // The row sums of G: start from 0 and add the columns one by one, each a run down the rows.
      result = Tensor.empty(rows, 1);
      double[] sums = result.values();
      Arrays.fill(sums, 0.0);
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          sums[r] += go[r * cols + c];
        }
      }
    }
    return new Tensor[] {result};
  }

  @Override
  public String name() {
    return "Expand(axis " + axis + ")";
  }
}
