package cifar.vugrad;

/** Matrix product: Z = X·W, with X of shape (n, k) and W of shape (k, m). */
public final class MatrixMultiply extends Op {
  public static final MatrixMultiply OP = new MatrixMultiply();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Tensor x = in[0];
    Tensor w = in[1];
    Shapes.requireRank(this, x, 2);
    Shapes.requireRank(this, w, 2);
    Shapes.require(
        x.size(1) == w.size(0), this::name,
        () -> "inner sizes differ: " + x.show() + " and " + w.show());
    context.put("x", x);
    context.put("w", w);
    return new Tensor[] {Tensor.product(x, false, w, false)};
  }

  /**
   * Z_ij = Σ_k X_ik W_kj. X_ik feeds every Z_ij of row i with weight W_kj, so
   * dX_ik = Σ_j G_ij W_kj, i.e. dX = G·Wᵀ. W_kj feeds every Z_ij of column j with weight X_ik, so
   * dW_kj = Σ_i X_ik G_ij, i.e. dW = Xᵀ·G. Both are matrix products again.
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    Tensor w = context.tensor("w");
    // Each product only when needed: dX is wasted work when X is the batch of data.
    Tensor gx = context.needsGrad(0)
        ? Tensor.product(g[0], false, w, true)
        : null;
    Tensor gw = context.needsGrad(1)
        ? Tensor.product(x, true, g[0], false)
        : null;
    return new Tensor[] {gx, gw};
  }
}
