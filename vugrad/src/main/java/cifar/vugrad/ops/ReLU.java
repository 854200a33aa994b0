package cifar.vugrad.ops;

/** Element-wise rectified linear unit: Y = max(0, X). */
public final class ReLU extends ElementwiseOp {
  public static final ReLU OP = new ReLU();

  @Override
  protected void apply(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] > 0 ? x[i] : 0.0;
    }
  }

  /**
   * ReLU is the identity where x > 0 (slope 1) and the constant 0 where x < 0 (slope 0), so the
   * gradient passes through where the input was positive and stops elsewhere. At exactly 0 the
   * derivative does not exist; like PyTorch we take 0 there.
   */
  @Override
  protected void derive(double[] x, double[] y, double[] g, double[] gx) {
    for (int i = 0; i < x.length; i++) {
      gx[i] = x[i] > 0 ? g[i] : 0.0;
    }
  }
}
