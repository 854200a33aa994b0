package cifar.vugrad.ops;

import cifar.vugrad.fast.VectorExp;

/** Element-wise exponential: Y = e^X. */
public final class Exp extends ElementwiseOp {
  public static final Exp OP = new Exp();

  @Override
  protected void apply(double[] x, double[] y) {
    VectorExp.exp(x, y, 1.0); // Math.exp's values, to within one unit in the last place, faster
  }

  /**
   * d eˣ/dx = eˣ, which is the output itself: reuse Y instead of computing the exponential again,
   * so dX = G · Y.
   */
  @Override
  protected void derive(double[] x, double[] y, double[] g, double[] gx) {
    for (int i = 0; i < x.length; i++) {
      gx[i] = g[i] * y[i];
    }
  }
}
