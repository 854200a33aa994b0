package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/** Sums each row of a matrix: (n, m) → (n,), z_i = Σ_j X_ij. */
public final class RowSum extends Op {
  public static final RowSum OP = new RowSum();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Shapes.requireRank(this, in[0], 2);
    context.put("x", in[0]);
    return new Tensor[] {sums(in[0])};
  }

  /** The row sums of a matrix as a vector, each summed from column 0 up (also for Normalize). */
  static Tensor sums(Tensor x) {
    int rows = x.size(0);
    int cols = x.size(1);
    double[] v = x.values();
    Tensor sums = Tensor.empty(rows);
    double[] s = sums.values();
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        sum += v[r * cols + c];
      }
      s[r] = sum;
    }
    return sums;
  }

  /** dz_i/dX_ij = 1 for every j of row i: each element of row i gets g_i. */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    int cols = x.size(1);
    Tensor gradX = x.emptyLike();
    double[] gx = gradX.values();
    double[] go = g[0].values();
    for (int r = 0; r < go.length; r++) {
      for (int c = 0; c < cols; c++) {
        gx[r * cols + c] = go[r];
      }
    }
    return new Tensor[] {gradX};
  }
}
