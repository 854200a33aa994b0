package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/**
 * Picks one element per row: (n, m) → (n,), z_i = X_i,t_i for given column indices t (the target
 * classes). The indices are a constant of the op, not a graph input, so they get no gradient.
 */
public final class Select extends Op {
  private final int[] indices;

  public Select(int[] indices) {
    this.indices = indices.clone();
  }

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Tensor x = in[0];
    Shapes.requireRank(this, x, 2);
    Shapes.require(
        indices.length == x.size(0), this::name,
        () -> indices.length + " indices for a matrix of shape " + x.show());
    Tensor out = Tensor.empty(indices.length);
    double[] z = out.values();
    for (int r = 0; r < z.length; r++) {
      if (indices[r] < 0 || indices[r] >= x.size(1)) {
        throw new IllegalArgumentException(
            name() + ": index " + indices[r] + " in row " + r + " is outside " + x.show());
      }
      z[r] = x.get(r, indices[r]);
    }
    context.put("x", x);
    return new Tensor[] {out};
  }

  /**
   * z_i is a copy of X_i,t_i, so that element gets g_i; every element that was not selected did
   * not affect the loss and gets 0.
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    int cols = x.size(1);
    Tensor gradX = x.emptyLike();
    gradX.fill(0.0); // the elements not selected
    double[] gx = gradX.values();
    for (int r = 0; r < indices.length; r++) {
      gx[r * cols + indices[r]] = g[0].get(r);
    }
    return new Tensor[] {gradX};
  }
}
