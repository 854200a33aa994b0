package cifar.vugrad;

/**
 * An op on two tensors of the same shape, element by element: Z_i = f(X_i, Y_i). Z_i depends on
 * X_i and Y_i alone, so each backward is one product per element (no sums across elements).
 */
public abstract class PairwiseOp extends Op {

  /** Fills every element of {@code z} with f(x, y), element by element. */
  protected abstract void combine(double[] x, double[] y, double[] z);

  /** The gradients over X and Y, given those inputs and the gradient G over Z. */
  protected abstract Tensor[] derive(Tensor x, Tensor y, Tensor g);

  @Override
  public final Tensor[] forward(Context context, Tensor... in) {
    Shapes.requireSame(this, in[0], in[1]);
    context.put("x", in[0]);
    context.put("y", in[1]);
    Tensor z = in[0].emptyLike();
    combine(in[0].values(), in[1].values(), z.values());
    return new Tensor[] {z};
  }

  @Override
  public final Tensor[] backward(Context context, Tensor... g) {
    return derive(context.tensor("x"), context.tensor("y"), g[0]);
  }
}
