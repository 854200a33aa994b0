package cifar.vugrad;

/** Element-wise sum: Z = X + Y. */
public final class Add extends PairwiseOp {
  public static final Add OP = new Add();

  @Override
  protected void combine(double[] x, double[] y, double[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i] + y[i];
    }
  }

  /** dZ/dX and dZ/dY are both 1 at every index, so each input gets the upstream gradient as is. */
  @Override
  protected Tensor[] derive(Tensor x, Tensor y, Tensor g) {
    return new Tensor[] {g, g};
  }
}
