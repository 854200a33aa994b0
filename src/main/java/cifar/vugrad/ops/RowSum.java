package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;
import cifar.vugrad.Workspace;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Sums each row of a matrix: (n, m) → (n,), z_i = Σ_j X_ij. */
public final class RowSum extends Op {
  public static final RowSum OP = new RowSum();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Shapes.requireRank(this, in[0], 2);
    context.put("x", in[0]);
    double[] sums = Workspace.forOverwrite(in[0].size(0)); // sumRows sets every row
    CommonOps_DDRM.sumRows(in[0].matrix(), DMatrixRMaj.wrap(sums.length, 1, sums));
    return new Tensor[] {Tensor.of(new int[] {sums.length}, sums)};
  }

  /** dz_i/dX_ij = 1 for every j of row i: each element of row i gets g_i. */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    int cols = x.size(1);
    double[] gx = Workspace.forOverwrite(x.size());
    double[] go = g[0].values();
    for (int r = 0; r < go.length; r++) {
      for (int c = 0; c < cols; c++) {
        gx[r * cols + c] = go[r];
      }
    }
    return new Tensor[] {x.withValues(gx)};
  }
}
