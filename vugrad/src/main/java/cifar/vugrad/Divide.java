package cifar.vugrad;

/** Element-wise quotient: Z = X / Y. */
public final class Divide extends PairwiseOp {
  public static final Divide OP = new Divide();

  @Override
  protected void combine(double[] x, double[] y, double[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i] / y[i];
    }
  }

  /**
   * Z_i = X_i · Y_i⁻¹. As a function of X_i it is linear with slope 1/Y_i, so dX = G / Y. As a
   * function of Y_i it is X_i times y⁻¹, whose derivative is −y⁻², so dY = −G · X / Y².
   */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    double[] xs = x.values();
    double[] ys = y.values();
    double[] go = g.values();
    Tensor gradX = x.emptyLike();
    Tensor gradY = y.emptyLike();
    double[] gx = gradX.values();
    double[] gy = gradY.values();
    for (int i = 0; i < xs.length; i++) {
      gx[i] = go[i] / ys[i];
      gy[i] = -go[i] * xs[i] / (ys[i] * ys[i]);
    }
    return new Tensor[] {gradX, gradY};
  }
}
