package cifar.vugrad.ops;

import cifar.vugrad.fast.VectorExp;

/** Element-wise logistic sigmoid: Y = σ(X) = 1 / (1 + e^−X). */
public final class Sigmoid extends ElementwiseOp {
  public static final Sigmoid OP = new Sigmoid();

  @Override
  protected void apply(double[] x, double[] y) {
    // e^−x for the whole array first, then the divisions on their own: both passes run as vector
    // instructions, which one loop with a call per element would not (see VectorExp).
    VectorExp.exp(x, y, -1.0);
    for (int i = 0; i < x.length; i++) {
      y[i] = 1.0 / (1.0 + y[i]);
    }
  }

  /**
   * σ'(x) = e^−x / (1 + e^−x)² = σ(x) · (1 − σ(x)): the derivative needs only the output, which
   * forward kept. So dX = G · Y · (1 − Y).
   */
  @Override
  protected void derive(double[] x, double[] y, double[] g, double[] gx) {
    for (int i = 0; i < x.length; i++) {
      gx[i] = g[i] * y[i] * (1.0 - y[i]);
    }
  }
}
