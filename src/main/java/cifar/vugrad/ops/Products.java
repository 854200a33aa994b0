package cifar.vugrad.ops;

import cifar.vugrad.Workspace;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.mult.MatrixMatrixMult_DDRM;

/**
 * Matrix products through EJML, with either factor transposed.
 *
 * <p>Large products (an MNIST-sized layer) use EJML's multi-threaded kernels. Small ones run on
 * the calling thread with the EJML kernel that suits the shape (measured on the synthetic
 * task's shapes): the "reorder" kernel streams along output rows and wins when they are at least
 * as long as the inner dimension; the "small" kernel takes dot products and wins otherwise.
 *
 * <p>Why not plain loops of our own: timed alone they beat these kernels, but inside a training
 * epoch they took twice as long (the JIT vectorises them with set-up that costs more than a loop
 * of 2 or 8 steps; EJML's stay scalar and tight), and always reordering Aᵀ·B lost 10%
 * (docs/BENCHMARKS.md, vugrad, sixth round). The results land in {@link Workspace} arrays.
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
    DMatrixRMaj c = DMatrixRMaj.wrap(n, m, Workspace.zeros(n * m));
    if ((long) n * k * m > THREADED_FLOPS) {
      if (transA) {
        CommonOps_MT_DDRM.multTransA(a, b, c);
      } else if (transB) {
        CommonOps_MT_DDRM.multTransB(a, b, c);
      } else {
        CommonOps_MT_DDRM.mult(a, b, c);
      }
      return c;
    }
    DMatrixRMaj right = b;
    if (transB) { // small: cheap to copy
      right = DMatrixRMaj.wrap(b.numCols, b.numRows, Workspace.forOverwrite(b.getNumElements()));
      CommonOps_DDRM.transpose(b, right);
    }
    boolean reorder = m >= k;
    if (transA) {
      if (reorder) {
        MatrixMatrixMult_DDRM.multTransA_reorder(a, right, c);
      } else {
        MatrixMatrixMult_DDRM.multTransA_small(a, right, c);
      }
    } else if (reorder) {
      MatrixMatrixMult_DDRM.mult_reorder(a, right, c);
    } else {
      MatrixMatrixMult_DDRM.mult_small(a, right, c);
    }
    return c;
  }
}
