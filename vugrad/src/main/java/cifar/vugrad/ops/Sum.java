package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;

/** Sums all elements into a scalar: z = Σ_i X_i. */
public final class Sum extends Op {
  public static final Sum OP = new Sum();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    context.put("x", in[0]);
    double sum = 0;
    for (double v : in[0].values()) {
      sum += v;
    }
    return new Tensor[] {Tensor.scalar(sum)};
  }

  /** dz/dX_i = 1 for every i, so every element gets the scalar upstream gradient g. */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    Tensor gx = x.emptyLike();
    gx.fill(g[0].item());
    return new Tensor[] {gx};
  }
}
