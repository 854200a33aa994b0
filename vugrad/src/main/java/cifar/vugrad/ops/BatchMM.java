package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/**
 * The batched matrix-vector product that {@code Linear} uses: one weight matrix W of shape
 * (out, in) times each of n row vectors in X of shape (n, in), giving Z = X·Wᵀ of shape (n, out).
 * Inputs in that order: (W, X), as in vugrad.
 */
public final class BatchMM extends Op {
  public static final BatchMM OP = new BatchMM();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Tensor w = in[0];
    Tensor x = in[1];
    Shapes.requireRank(this, w, 2);
    Shapes.requireRank(this, x, 2);
    Shapes.require(
        w.size(1) == x.size(1), this::name,
        () -> "matrix " + w.show() + " does not fit vectors " + x.show());
    context.put("w", w);
    context.put("x", x);
    return new Tensor[] {Tensor.product(x, false, w, true)};
  }

  /**
   * Z_bo = Σ_i W_oi X_bi. W_oi is used by every instance b of the batch, so its gradient sums over
   * the batch: dW_oi = Σ_b G_bo X_bi, i.e. dW = Gᵀ·X. X_bi feeds every output o of its own row:
   * dX_bi = Σ_o G_bo W_oi, i.e. dX = G·W.
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor w = context.tensor("w");
    Tensor x = context.tensor("x");
    // Each product only when needed: dX is wasted work when X is the batch of data.
    Tensor gw = context.needsGrad(0)
        ? Tensor.product(g[0], true, x, false)
        : null;
    Tensor gx = context.needsGrad(1)
        ? Tensor.product(g[0], false, w, false)
        : null;
    return new Tensor[] {gw, gx};
  }
}
