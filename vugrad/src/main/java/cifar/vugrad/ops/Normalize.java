package cifar.vugrad.ops;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/** Divides each row by its sum, so rows of positive numbers become distributions: Y_ij = X_ij / s_i. */
public final class Normalize extends Op {
  public static final Normalize OP = new Normalize();

  @Override
  public Tensor[] forward(Context context, Tensor... in) {
    Tensor x = in[0];
    Shapes.requireRank(this, x, 2);
    double[] sums = RowSum.sums(x).values();
    int cols = x.size(1);
    Tensor out = x.emptyLike();
    double[] y = out.values();
    for (int i = 0; i < y.length; i++) {
      y[i] = x.get(i) / sums[i / cols];
    }
    context.put("x", x);
    context.put("sums", sums);
    return new Tensor[] {out};
  }

  /**
   * With s_i = Σ_k X_ik, the element X_ij reaches the loss twice: directly in Y_ij = X_ij / s_i,
   * and through s_i, which divides every Y_ik of its row. So
   * dX_ij = G_ij / s_i + Σ_k G_ik · X_ik · (−1 / s_i²) = G_ij / s_i − (Σ_k G_ik X_ik) / s_i².
   * The second term is the same for the whole row: compute it once per row.
   */
  @Override
  public Tensor[] backward(Context context, Tensor... g) {
    Tensor x = context.tensor("x");
    double[] sums = context.get("sums", double[].class);
    int rows = x.size(0);
    int cols = x.size(1);
    double[] go = g[0].values();
    Tensor gradX = x.emptyLike();
    double[] gx = gradX.values();
    for (int r = 0; r < rows; r++) {
      double s = sums[r];
      double dot = 0;
      for (int c = 0; c < cols; c++) {
        dot += go[r * cols + c] * x.get(r, c);
      }
      for (int c = 0; c < cols; c++) {
        gx[r * cols + c] = go[r * cols + c] / s - dot / (s * s);
      }
    }
    return new Tensor[] {gradX};
  }
}
