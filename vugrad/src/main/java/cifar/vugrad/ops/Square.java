package cifar.vugrad.ops;

/** Element-wise square: Y = X². */
public final class Square extends ElementwiseOp {
  public static final Square OP = new Square();

  @Override
  protected void apply(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
    }
  }

  /**
   * d x²/dx = 2x, so dX = 2 · G · X.
   */
  @Override
  protected void derive(double[] x, double[] y, double[] g, double[] gx) {
    for (int i = 0; i < x.length; i++) {
      gx[i] = 2.0 * g[i] * x[i];
    }
  }
}
