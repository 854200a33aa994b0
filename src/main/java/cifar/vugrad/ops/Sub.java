package cifar.vugrad.ops;

import cifar.vugrad.Tensor;
import org.ejml.dense.row.CommonOps_DDRM;

/** Element-wise difference: Z = X − Y. */
public final class Sub extends PairwiseOp {
  public static final Sub OP = new Sub();

  @Override
  protected void combine(Tensor x, Tensor y, Tensor z) {
    CommonOps_DDRM.subtract(x.matrix(), y.matrix(), z.matrix());
  }

  /** dZ/dX = 1 and dZ/dY = −1 at every index: X gets G, Y gets −G. */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    Tensor negated = g.likeForOverwrite();
    CommonOps_DDRM.scale(-1.0, g.matrix(), negated.matrix());
    return new Tensor[] {g, negated};
  }
}
