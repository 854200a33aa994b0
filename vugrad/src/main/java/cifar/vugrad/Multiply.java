package cifar.vugrad;

/** Element-wise product: Z = X ⊙ Y. */
public final class Multiply extends PairwiseOp {
  public static final Multiply OP = new Multiply();

  @Override
  protected void combine(double[] x, double[] y, double[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i] * y[i];
    }
  }

  /**
   * Z_i = X_i · Y_i, so dZ_i/dX_i = Y_i and dZ_i/dY_i = X_i: each input's gradient is G times the
   * <em>other</em> input. (With X and Y the same node, the two halves add up to 2·X·G.)
   */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    Tensor gx = x.emptyLike();
    Tensor gy = y.emptyLike();
    combine(g.values(), y.values(), gx.values());
    combine(g.values(), x.values(), gy.values());
    return new Tensor[] {gx, gy};
  }
}
