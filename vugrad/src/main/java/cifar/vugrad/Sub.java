package cifar.vugrad;

/** Element-wise difference: Z = X − Y. */
public final class Sub extends PairwiseOp {
  public static final Sub OP = new Sub();

  @Override
  protected void combine(double[] x, double[] y, double[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i] - y[i];
    }
  }

  /** dZ/dX = 1 and dZ/dY = −1 at every index: X gets G, Y gets −G. */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    Tensor negated = g.emptyLike();
    double[] go = g.values();
    double[] minus = negated.values();
    for (int i = 0; i < minus.length; i++) {
      minus[i] = -go[i];
    }
    return new Tensor[] {g, negated};
  }
}
