package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;

/**
 * An op that applies one function f to every element: Y_i = f(X_i).
 *
 * <p>Y_i depends on X_i alone, so the Jacobian is diagonal and the chain rule collapses to one
 * product per element: dX_i = G_i · f'(X_i). Subclasses give f and that product; the loops stay
 * in the subclasses so the JIT compiles each one tight, with no call per element.
 */
public abstract class ElementwiseOp extends Op {

  /** Fills every element of {@code y} with f(x), element by element. */
  protected abstract void apply(double[] x, double[] y);

  /** Fills {@code gx} with g · f'(x); {@code y} is f(x), which many derivatives reuse. */
  protected abstract void derive(double[] x, double[] y, double[] g, double[] gx);

  @Override
  public final Tensor[] forward(Context context, Tensor... in) {
    Tensor out = in[0].emptyLike();
    apply(in[0].values(), out.values());
    context.put("x", in[0]);
    context.put("y", out);
    return new Tensor[] {out};
  }

  @Override
  public final Tensor[] backward(Context context, Tensor... g) {
    Tensor gx = g[0].emptyLike();
    derive(context.tensor("x").values(), context.tensor("y").values(), g[0].values(), gx.values());
    return new Tensor[] {gx};
  }
}
