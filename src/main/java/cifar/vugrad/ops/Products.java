package cifar.vugrad.ops;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Matrix products through EJML, optionally with either factor transposed. Small products run on
 * the calling thread; large ones (an MNIST-sized layer) use EJML's multi-threaded kernels, where
 * splitting the work pays for the threads. Below {@link #THREADED_FLOPS} the hand-off costs more
 * than it saves.
 */
final class Products {
  /** Multiply-adds above which the threaded kernels are used. */
  static final long THREADED_FLOPS = 2_000_000;

  private Products() {}

  /** C = op(A)·op(B), where op transposes when asked. */
  static DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
    int n = transA ? a.numCols : a.numRows;
    int k = transA ? a.numRows : a.numCols;
    int m = transB ? b.numRows : b.numCols;
    DMatrixRMaj c = new DMatrixRMaj(n, m);
    boolean threaded = (long) n * k * m > THREADED_FLOPS;
    if (transA && transB) {
      throw new UnsupportedOperationException("no op needs Aᵀ·Bᵀ");
    } else if (transA) {
      if (threaded) CommonOps_MT_DDRM.multTransA(a, b, c); else CommonOps_DDRM.multTransA(a, b, c);
    } else if (transB) {
      if (threaded) CommonOps_MT_DDRM.multTransB(a, b, c); else CommonOps_DDRM.multTransB(a, b, c);
    } else {
      if (threaded) CommonOps_MT_DDRM.mult(a, b, c); else CommonOps_DDRM.mult(a, b, c);
    }
    return c;
  }
}
