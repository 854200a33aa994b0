package cifar.vugrad.ops;

import cifar.vugrad.Tensor;
import org.ejml.dense.row.CommonOps_DDRM;

/** Element-wise product: Z = X ⊙ Y. */
public final class Multiply extends PairwiseOp {
  public static final Multiply OP = new Multiply();

  @Override
  protected void combine(Tensor x, Tensor y, Tensor z) {
    CommonOps_DDRM.elementMult(x.matrix(), y.matrix(), z.matrix());
  }

  /**
   * Z_i = X_i · Y_i, so dZ_i/dX_i = Y_i and dZ_i/dY_i = X_i: each input's gradient is G times the
   * <em>other</em> input. (With X and Y the same node, the two halves add up to 2·X·G.)
   */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    Tensor gx = x.likeForOverwrite();
    Tensor gy = y.likeForOverwrite();
    CommonOps_DDRM.elementMult(g.matrix(), y.matrix(), gx.matrix());
    CommonOps_DDRM.elementMult(g.matrix(), x.matrix(), gy.matrix());
    return new Tensor[] {gx, gy};
  }
}
