package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/** The largest element of each row: (n, m) → (n,), z_i = max_j X_ij. */
public final class RowMax extends Op {
  public static final RowMax OP = new RowMax();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Tensor x = in[0];
    Shapes.requireRank(this, x, 2);
    int rows = x.size(0);
    int cols = x.size(1);
    int[] argmax = new int[rows];
    Tensor out = Tensor.empty(rows);
    double[] z = out.values();
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int c = 1; c < cols; c++) {
        if (x.get(r, c) > x.get(r, best)) {
          best = c;
        }
      }
      argmax[r] = best;
      z[r] = x.get(r, best);
    }
    context.put("x", x);
    context.put("argmax", argmax);
    return new Tensor[] {out};
  }

  /**
   * Near a given input the max is just the element that wins, so z_i = X_i,argmax: its derivative
   * is 1 for the winner and 0 for the others. The gradient g_i goes to the winning element only
   * (on a tie, to the first one, as numpy's argmax picks it).
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    int[] argmax = context.get("argmax", int[].class);
    int cols = x.size(1);
    Tensor gradX = x.emptyLike();
    gradX.fill(0.0); // the elements that lost
    double[] gx = gradX.values();
    for (int r = 0; r < argmax.length; r++) {
      gx[r * cols + argmax[r]] = g[0].get(r);
    }
    return new Tensor[] {gradX};
  }
}
