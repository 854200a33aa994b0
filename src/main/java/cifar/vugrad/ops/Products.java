package cifar.vugrad.ops;

import cifar.vugrad.Workspace;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Matrix products, with either factor transposed.
 *
 * <p>Large products (an MNIST-sized layer) use EJML's multi-threaded kernels. Small ones (every
 * product of the synthetic task: 128 rows times 2 or 8 columns) run on the calling thread in
 * {@link #small}, a register-blocked loop of our own. It replaced EJML's single-threaded kernels
 * after measuring 1.2× faster epochs with it (docs/BENCHMARKS.md, vugrad, seventh round). An
 * earlier attempt with plain triple loops had lost: the JIT vectorised their short inner loops
 * with set-up that cost more than a loop of 2 or 8 steps. The results land in {@link Workspace}
 * arrays.
 */
final class Products {
  /** Multiply-adds above which the threaded kernels are used. */
  static final long THREADED_FLOPS = 2_000_000;

  private Products() {}

  /** C = op(A)·op(B), where op transposes when asked (never both). */
  static DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
    int n = transA ? a.numCols : a.numRows;
    int k = transA ? a.numRows : a.numCols;
    int m = transB ? b.numRows : b.numCols;
    if ((long) n * k * m > THREADED_FLOPS) {
      DMatrixRMaj c = DMatrixRMaj.wrap(n, m, Workspace.zeros(n * m));
      if (transA) {
        CommonOps_MT_DDRM.multTransA(a, b, c);
      } else if (transB) {
        CommonOps_MT_DDRM.multTransB(a, b, c);
      } else {
        CommonOps_MT_DDRM.mult(a, b, c);
      }
      return c;
    }
    // Element (i, p) of op(A) and (p, j) of op(B) as offsets: row-major, or read transposed.
    int ai = transA ? 1 : k;
    int ap = transA ? n : 1;
    int bp = transB ? 1 : m;
    int bj = transB ? k : 1;
    double[] c = Workspace.forOverwrite(n * m); // small() writes every element
    if (m >= 8 || m >= n) {
      small(a.data, ai, ap, b.data, bp, bj, c, m, 1, n, k, m);
    } else { // few columns, more rows: block over the rows instead, as Cᵀ = op(B)ᵀ·op(A)ᵀ
      small(b.data, bj, bp, a.data, ap, ai, c, 1, m, m, k, n);
    }
    return DMatrixRMaj.wrap(n, m, c);
  }

  /**
   * C(i, j) = Σ_p A(i, p)·B(p, j) for the small products, with A(i, p) = a[i·ai + p·ap], B(p, j) =
   * b[p·bp + j·bj] and C(i, j) stored at c[i·ci + j·cj]: one kernel for every transpose.
   *
   * <p>Eight outputs of a row at a time (then the rest one by one), each summed in its own local
   * variable over the whole inner dimension p, then stored once. So the loop over p, the one that
   * can be long (the 128 rows of a batch, in a weight's gradient), carries eight independent
   * chains of fused multiply-adds that stay in registers, instead of loading and storing C for
   * every product as EJML's row-streaming kernel does; and where p is short (2 inputs), one pass
   * over it makes eight outputs. The strided reads keep the JIT from vectorising it, which on
   * shapes this small costs more set-up than it saves. Measured against EJML's kernels,
   * alternating epochs: 4 outputs at a time 1.09×, 8 at a time a further 1.06×, fused
   * multiply-adds a further 1.05× (docs/BENCHMARKS.md).
   */
  private static void small(
      double[] a, int ai, int ap, double[] b, int bp, int bj,
      double[] c, int ci, int cj, int n, int k, int m) {
    for (int i = 0; i < n; i++) {
      int aRow = i * ai;
      int j = 0;
      for (; j + 8 <= m; j += 8) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (int p = 0; p < k; p++) {
          double x = a[aRow + p * ap];
          int at = p * bp + j * bj;
          s0 = Fma.mulAdd(x, b[at], s0);
          s1 = Fma.mulAdd(x, b[at + bj], s1);
          s2 = Fma.mulAdd(x, b[at + 2 * bj], s2);
          s3 = Fma.mulAdd(x, b[at + 3 * bj], s3);
          s4 = Fma.mulAdd(x, b[at + 4 * bj], s4);
          s5 = Fma.mulAdd(x, b[at + 5 * bj], s5);
          s6 = Fma.mulAdd(x, b[at + 6 * bj], s6);
          s7 = Fma.mulAdd(x, b[at + 7 * bj], s7);
        }
        int to = i * ci + j * cj;
        c[to] = s0;
        c[to + cj] = s1;
        c[to + 2 * cj] = s2;
        c[to + 3 * cj] = s3;
        c[to + 4 * cj] = s4;
        c[to + 5 * cj] = s5;
        c[to + 6 * cj] = s6;
        c[to + 7 * cj] = s7;
      }
      for (; j < m; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s = Fma.mulAdd(a[aRow + p * ap], b[p * bp + j * bj], s);
        }
        c[i * ci + j * cj] = s;
      }
    }
  }
}
