package cifar.vugrad.ops;

/** Element-wise natural logarithm: Y = ln X. */
public final class Log extends ElementwiseOp {
  public static final Log OP = new Log();

  @Override
  protected void apply(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.log(x[i]);
    }
  }

  /**
   * d ln(x)/dx = 1/x, so each element's gradient is G / X.
   */
  @Override
  protected void derive(double[] x, double[] y, double[] g, double[] gx) {
    for (int i = 0; i < x.length; i++) {
      gx[i] = g[i] / x[i];
    }
  }
}
