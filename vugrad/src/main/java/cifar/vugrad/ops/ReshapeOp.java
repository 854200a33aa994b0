package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;

/** An op that changes only the shape, never a number (Squeeze, Unsqueeze). */
public abstract class ReshapeOp extends Op {

  /** The output shape for input {@code x}; fails with the op's name if it does not fit. */
  protected abstract int[] newShape(Tensor x);

  @Override
  public final Tensor[] forward(Context context, Tensor... in) {
    context.put("x", in[0]);
    return new Tensor[] {in[0].reshape(newShape(in[0]))};
  }

  /**
   * Every output element is one input element under another index, with slope 1: the gradient is
   * G itself, read back in the input's shape.
   */
  @Override
  public final Tensor[] backward(Context context, Tensor... g) {
    return new Tensor[] {g[0].reshape(context.tensor("x").shape())};
  }
}
