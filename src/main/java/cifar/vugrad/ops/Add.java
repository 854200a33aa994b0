package cifar.vugrad.ops;

import cifar.vugrad.Tensor;
import org.ejml.dense.row.CommonOps_DDRM;

/** Element-wise sum: Z = X + Y. */
public final class Add extends PairwiseOp {
  public static final Add OP = new Add();

  @Override
  protected void combine(Tensor x, Tensor y, Tensor z) {
    CommonOps_DDRM.add(x.matrix(), y.matrix(), z.matrix());
  }

  /** dZ/dX and dZ/dY are both 1 at every index, so each input gets the upstream gradient as is. */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    return new Tensor[] {g, g};
  }
}
