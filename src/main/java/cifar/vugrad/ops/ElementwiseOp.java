package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;
import cifar.vugrad.Workspace;

/**
 * An op that applies one function f to every element: Y_i = f(X_i).
 *
 * <p>Y_i depends on X_i alone, so the Jacobian is diagonal and the chain rule collapses to one
 * product per element: dX_i = G_i · f'(X_i). Subclasses give f and that product; the loops stay
 * in the subclasses so the JIT compiles each one tight, with no call per element.
 */
public abstract class ElementwiseOp extends Op {

  /**
   * Fills {@code y} with f(x), element by element. Every element must be written: {@code y} may
   * come from a {@link cifar.vugrad.Workspace} and hold an earlier batch's numbers (so may
   * {@code gx} below).
   */
  protected abstract void apply(double[] x, double[] y);

  /** Fills {@code gx} with g · f'(x); {@code y} is f(x), which many derivatives reuse. */
  protected abstract void derive(double[] x, double[] y, double[] g, double[] gx);

  @Override
  public final Tensor[] forward(Context context, Tensor... in) {
    double[] y = Workspace.forOverwrite(in[0].size());
    apply(in[0].values(), y);
    Tensor out = in[0].withValues(y);
    context.put("x", in[0]);
    context.put("y", out);
    return new Tensor[] {out};
  }

  @Override
  public final Tensor[] backward(Context context, Tensor... g) {
    double[] gx = Workspace.forOverwrite(g[0].size());
    derive(context.tensor("x").values(), context.tensor("y").values(), g[0].values(), gx);
    return new Tensor[] {g[0].withValues(gx)};
  }
}
