package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/**
 * An op on two tensors of the same shape, element by element: Z_i = f(X_i, Y_i). Z_i depends on
 * X_i and Y_i alone, so each backward is one product per element (no sums across elements).
 */
public abstract class PairwiseOp extends Op {

  /** Fills every element of {@code z} (which may hold an earlier batch's numbers) with f(x, y). */
  protected abstract void combine(Tensor x, Tensor y, Tensor z);

  /** The gradients over X and Y, given those inputs and the gradient G over Z. */
  protected abstract Tensor[] derive(Tensor x, Tensor y, Tensor g);

  @Override
  public final Tensor[] forward(Context context, Tensor... in) {
    Shapes.requireSame(this, in[0], in[1]);
    context.put("x", in[0]);
    context.put("y", in[1]);
    Tensor z = in[0].likeForOverwrite();
    combine(in[0], in[1], z);
    return new Tensor[] {z};
  }

  @Override
  public final Tensor[] backward(Context context, Tensor... g) {
    return derive(context.tensor("x"), context.tensor("y"), g[0]);
  }
}
