package cifar.vugrad.ops;

/** Element-wise hyperbolic tangent: Y = tanh X. */
public final class Tanh extends ElementwiseOp {
  public static final Tanh OP = new Tanh();

  @Override
  protected void apply(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.tanh(x[i]);
    }
  }

  /**
   * tanh'(x) = 1 − tanh²(x), again from the output alone: dX = G · (1 − Y²).
   */
  @Override
  protected void derive(double[] x, double[] y, double[] g, double[] gx) {
    for (int i = 0; i < x.length; i++) {
      gx[i] = g[i] * (1.0 - y[i] * y[i]);
    }
  }
}
