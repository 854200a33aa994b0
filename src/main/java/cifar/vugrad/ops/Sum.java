package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;
import cifar.vugrad.Workspace;
import java.util.Arrays;
import org.ejml.dense.row.CommonOps_DDRM;

/** Sums all elements into a scalar: z = Σ_i X_i. */
public final class Sum extends Op {
  public static final Sum OP = new Sum();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    context.put("x", in[0]);
    return new Tensor[] {Tensor.scalar(CommonOps_DDRM.elementSum(in[0].matrix()))};
  }

  /** dz/dX_i = 1 for every i, so every element gets the scalar upstream gradient g. */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    double[] gx = Workspace.forOverwrite(x.size());
    Arrays.fill(gx, g[0].item());
    return new Tensor[] {x.withValues(gx)};
  }
}
