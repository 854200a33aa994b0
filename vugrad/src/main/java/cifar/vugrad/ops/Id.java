package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;

/** The identity: Y = X. Useful to give a value a second node, e.g. to name an output. */
public final class Id extends Op {
  public static final Id OP = new Id();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    return new Tensor[] {in[0]};
  }

  /** dY/dX is 1 everywhere, so the gradient passes through unchanged. */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    return new Tensor[] {g[0]};
  }
}
