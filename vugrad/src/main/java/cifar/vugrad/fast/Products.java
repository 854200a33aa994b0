package cifar.vugrad.fast;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Matrix products, with either factor transposed, on row-major arrays.
 *
 * <p>Large products (an MNIST-sized layer) run in {@link #large}, blocked for the caches and
 * spread over the cores; it replaced EJML's multi-threaded kernels, which were slower on those
 * shapes. Small ones (every product of the synthetic task: 128 rows times 2 or 8 columns) run on
 * the calling thread in two loops of our own, {@link #small} and {@link #shortInner}. They
 * replaced EJML's single-threaded kernels after measuring faster epochs with them
 * (docs/benchmarks/JOURNAL.md, seventh round). An earlier attempt with plain triple loops had
 * lost: the JIT vectorised their short inner loops with set-up that cost more than a loop of 2 or
 * 8 steps.
 */
public final class Products {
  /** Multiply-adds above which {@link #large}, blocked and threaded, is used. */
  static final long THREADED_FLOPS = 2_000_000;

  private Products() {}

  /**
   * C = op(A)·op(B), where op transposes when asked (never both). A is {@code aRows}×{@code aCols}
   * and B {@code bRows}×{@code bCols} as stored, before any transpose; every element of C, of
   * op(A)'s rows times op(B)'s columns, is written (it may hold old numbers before).
   */
  public static void mult(double[] a, int aRows, int aCols, boolean transA,
      double[] b, int bRows, int bCols, boolean transB, double[] c) {
    int n = transA ? aCols : aRows;
    int k = transA ? aRows : aCols;
    int m = transB ? bRows : bCols;
    // Element (i, p) of op(A) and (p, j) of op(B) as offsets: row-major, or read transposed.
    int ai = transA ? 1 : k;
    int ap = transA ? n : 1;
    int bp = transB ? 1 : m;
    int bj = transB ? k : 1;
    if ((long) n * k * m > THREADED_FLOPS) {
      large(a, ai, ap, b, bp, bj, c, n, k, m);
    } else {
      Kernel kernel = k == 2 ? Products::shortInner : Products::small;
      if (m < 8 && m < n) { // few columns, more rows: block over the rows, as Cᵀ = op(B)ᵀ·op(A)ᵀ
        kernel.run(b, bj, bp, a, ap, ai, c, 1, m, m, k, n);
      } else {
        kernel.run(a, ai, ap, b, bp, bj, c, m, 1, n, k, m);
      }
    }
  }

  /**
   * C(i, j) = Σ_p A(i, p)·B(p, j), with A(i, p) = a[i·ai + p·ap], B(p, j) = b[p·bp + j·bj] and
   * C(i, j) stored at c[i·ci + j·cj]: one signature for every transpose.
   */
  private interface Kernel {
    void run(double[] a, int ai, int ap, double[] b, int bp, int bj,
        double[] c, int ci, int cj, int n, int k, int m);
  }

  /**
   * The {@link Kernel} for an inner dimension of 2 (two input features, two classes): one pass
   * over the rows for each eight columns, with the sixteen values of B that the pass needs held
   * in local variables, so a row costs two reads of A and eight writes of C. In {@link #small}
   * the loop over p would be two steps long, set up again for every row. With a pass per p
   * instead, reading C back to add the second term, these products and the synthetic epoch took
   * longer (docs/benchmarks/JOURNAL.md, ninth round). For an inner dimension of 3 or 4 this was
   * no faster one product at a time, so those stay with {@link #small}.
   */
  private static void shortInner(
      double[] a, int ai, int ap, double[] b, int bp, int bj,
      double[] c, int ci, int cj, int n, int k, int m) {
    int j = 0;
    for (; j + 8 <= m; j += 8) {
      int at = j * bj; // the first row of B
      double b0 = b[at];
      double b1 = b[at + bj];
      double b2 = b[at + 2 * bj];
      double b3 = b[at + 3 * bj];
      double b4 = b[at + 4 * bj];
      double b5 = b[at + 5 * bj];
      double b6 = b[at + 6 * bj];
      double b7 = b[at + 7 * bj];
      at += bp; // the second row of B
      double d0 = b[at];
      double d1 = b[at + bj];
      double d2 = b[at + 2 * bj];
      double d3 = b[at + 3 * bj];
      double d4 = b[at + 4 * bj];
      double d5 = b[at + 5 * bj];
      double d6 = b[at + 6 * bj];
      double d7 = b[at + 7 * bj];
      if (cj == 1) { // C's columns side by side: the same loop with fixed offsets, which runs faster
        for (int i = 0; i < n; i++) {
          double x0 = a[i * ai];
          double x1 = a[i * ai + ap];
          int to = i * ci + j;
          c[to] = Fma.mulAdd(x1, d0, x0 * b0);
          c[to + 1] = Fma.mulAdd(x1, d1, x0 * b1);
          c[to + 2] = Fma.mulAdd(x1, d2, x0 * b2);
          c[to + 3] = Fma.mulAdd(x1, d3, x0 * b3);
          c[to + 4] = Fma.mulAdd(x1, d4, x0 * b4);
          c[to + 5] = Fma.mulAdd(x1, d5, x0 * b5);
          c[to + 6] = Fma.mulAdd(x1, d6, x0 * b6);
          c[to + 7] = Fma.mulAdd(x1, d7, x0 * b7);
        }
        continue;
      }
      for (int i = 0; i < n; i++) {
        double x0 = a[i * ai];
        double x1 = a[i * ai + ap];
        int to = i * ci + j * cj;
        // x0·b rounded, plus x1·d in one fused step: the sum over p = 0, 1 in that order.
        c[to] = Fma.mulAdd(x1, d0, x0 * b0);
        c[to + cj] = Fma.mulAdd(x1, d1, x0 * b1);
        c[to + 2 * cj] = Fma.mulAdd(x1, d2, x0 * b2);
        c[to + 3 * cj] = Fma.mulAdd(x1, d3, x0 * b3);
        c[to + 4 * cj] = Fma.mulAdd(x1, d4, x0 * b4);
        c[to + 5 * cj] = Fma.mulAdd(x1, d5, x0 * b5);
        c[to + 6 * cj] = Fma.mulAdd(x1, d6, x0 * b6);
        c[to + 7 * cj] = Fma.mulAdd(x1, d7, x0 * b7);
      }
    }
    for (; j < m; j++) {
      for (int i = 0; i < n; i++) {
        c[i * ci + j * cj] = Fma.mulAdd(a[i * ai + ap], b[bp + j * bj], a[i * ai] * b[j * bj]);
      }
    }
  }

  /**
   * The {@link Kernel} for every other small product. Two rows by eight columns of C at a time
   * (then the rest one by one), each summed in its own local variable over the whole inner
   * dimension p, then stored once. So the loop over p, the one that can be long (the 128 rows of a
   * batch, in a weight's gradient), carries sixteen independent chains of fused multiply-adds that
   * stay in registers, instead of loading and storing C for every product as EJML's row-streaming
   * kernel does. The strided reads keep the JIT from vectorising it, which on shapes this small
   * costs more set-up than it saves. Each step of this design (4 outputs of a row at a time,
   * then 8, then fused multiply-adds, then two rows at a time) made alternating epochs faster
   * against EJML's kernels (docs/benchmarks/JOURNAL.md).
   */
  private static void small(
      double[] a, int ai, int ap, double[] b, int bp, int bj,
      double[] c, int ci, int cj, int n, int k, int m) {
    int blocked = m - m % 8; // the columns done in blocks of eight
    int i = 0;
    for (; i + 2 <= n; i += 2) {
      for (int j = 0; j < blocked; j += 8) {
        twoRowsOfEight(a, i * ai, i * ai + ai, ap, b, bp, bj, c, i * ci + j * cj, ci, cj, k, j);
      }
      rowFrom(a, i * ai, ap, b, bp, bj, c, i * ci, cj, k, m, blocked);
      rowFrom(a, (i + 1) * ai, ap, b, bp, bj, c, (i + 1) * ci, cj, k, m, blocked);
    }
    if (i < n) { // an odd row left over: computed as a pair of itself, both written to one place
      for (int j = 0; j < blocked; j += 8) {
        twoRowsOfEight(a, i * ai, i * ai, ap, b, bp, bj, c, i * ci + j * cj, 0, cj, k, j);
      }
      rowFrom(a, i * ai, ap, b, bp, bj, c, i * ci, cj, k, m, blocked);
    }
  }

  /**
   * Columns j to j + 7 of two rows of C (A's rows at {@code row0} and {@code row1}): sixteen
   * sums, so every value of B read serves two rows. The synthetic task's products with a long
   * inner dimension (the weights' gradients, summed over the batch) and its product with two
   * classes all have two rows this way. A row at a time, reading B twice, the synthetic epoch
   * took longer (docs/benchmarks/JOURNAL.md, ninth round).
   */
  private static void twoRowsOfEight(double[] a, int row0, int row1, int ap,
      double[] b, int bp, int bj, double[] c, int to, int ci, int cj, int k, int j) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    double t0 = 0;
    double t1 = 0;
    double t2 = 0;
    double t3 = 0;
    double t4 = 0;
    double t5 = 0;
    double t6 = 0;
    double t7 = 0;
    for (int p = 0; p < k; p++) {
      double x = a[row0 + p * ap];
      double y = a[row1 + p * ap];
      int at = p * bp + j * bj;
      double v0 = b[at];
      double v1 = b[at + bj];
      double v2 = b[at + 2 * bj];
      double v3 = b[at + 3 * bj];
      double v4 = b[at + 4 * bj];
      double v5 = b[at + 5 * bj];
      double v6 = b[at + 6 * bj];
      double v7 = b[at + 7 * bj];
      s0 = Fma.mulAdd(x, v0, s0);
      s1 = Fma.mulAdd(x, v1, s1);
      s2 = Fma.mulAdd(x, v2, s2);
      s3 = Fma.mulAdd(x, v3, s3);
      s4 = Fma.mulAdd(x, v4, s4);
      s5 = Fma.mulAdd(x, v5, s5);
      s6 = Fma.mulAdd(x, v6, s6);
      s7 = Fma.mulAdd(x, v7, s7);
      t0 = Fma.mulAdd(y, v0, t0);
      t1 = Fma.mulAdd(y, v1, t1);
      t2 = Fma.mulAdd(y, v2, t2);
      t3 = Fma.mulAdd(y, v3, t3);
      t4 = Fma.mulAdd(y, v4, t4);
      t5 = Fma.mulAdd(y, v5, t5);
      t6 = Fma.mulAdd(y, v6, t6);
      t7 = Fma.mulAdd(y, v7, t7);
    }
    store(c, to, cj, s0, s1, s2, s3, s4, s5, s6, s7);
    store(c, to + ci, cj, t0, t1, t2, t3, t4, t5, t6, t7);
  }

  /** Columns {@code from} to m − 1 of one row of C, one sum at a time. */
  private static void rowFrom(double[] a, int row, int ap, double[] b, int bp, int bj,
      double[] c, int to, int cj, int k, int m, int from) {
    for (int j = from; j < m; j++) {
      double s = 0;
      for (int p = 0; p < k; p++) {
        s = Fma.mulAdd(a[row + p * ap], b[p * bp + j * bj], s);
      }
      c[to + j * cj] = s;
    }
  }

  private static void store(double[] c, int to, int cj,
      double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7) {
    c[to] = s0;
    c[to + cj] = s1;
    c[to + 2 * cj] = s2;
    c[to + 3 * cj] = s3;
    c[to + 4 * cj] = s4;
    c[to + 5 * cj] = s5;
    c[to + 6 * cj] = s6;
    c[to + 7 * cj] = s7;
  }

  /** Columns of C that {@link #large} computes together. */
  private static final int COLUMNS = 128;

  /** Rows of C that {@link #large} computes together. */
  private static final int ROWS = 4;

  /** Each thread's scratch arrays for {@link #large}, kept from one product to the next. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * The kernel for large products (an MNIST-sized layer: 128 × 784 times 784 × 3136). It computes
   * C in blocks of {@link #COLUMNS} columns, the blocks spread over the cores. A block of B, the
   * inner dimension times 128 columns (800 KB here), is copied once into rows of its own; then
   * {@link #ROWS} rows of C at a time are summed over p from 0 up, each step adding A(i, p) times
   * row p of the block.
   *
   * <p>Why: EJML's kernels run the whole of B past every row of C, and an MNIST-sized B (19.7 MB)
   * fits no cache, so they waited on memory. A block of B stays in
   * the core's L2 cache while every row of C uses it, and each row of it that is read serves four
   * rows of C. The copy also puts every row at the start of an array of its own, and the sums in
   * arrays of their own: Java 17's JIT only turns a loop into vector instructions when the
   * arrays it reads and writes start at the same place (here 0), so with offsets into one big
   * array the same loop ran element by element, much slower.
   */
  private static void large(double[] a, int ai, int ap, double[] b, int bp, int bj,
      double[] c, int n, int k, int m) {
    int blocks = (m + COLUMNS - 1) / COLUMNS;
    IntStream.range(0, blocks).parallel().forEach(
        block -> largeBlock(a, ai, ap, b, bp, bj, c, n, k, m, block * COLUMNS));
  }

  /** Columns {@code j0} up to {@code j0 + COLUMNS} (or m) of C, for {@link #large}. */
  private static void largeBlock(double[] a, int ai, int ap, double[] b, int bp, int bj,
      double[] c, int n, int k, int m, int j0) {
    int width = Math.min(COLUMNS, m - j0);
    Scratch scratch = SCRATCH.get();
    double[][] rows = scratch.rows(k);
    for (int p = 0; p < k; p++) {
      int at = p * bp + j0 * bj;
      if (bj == 1) {
        System.arraycopy(b, at, rows[p], 0, width);
      } else { // B read transposed
        for (int j = 0; j < width; j++) {
          rows[p][j] = b[at + j * bj];
        }
      }
    }
    double[][] sums = scratch.sums;
    double[] s0 = sums[0];
    double[] s1 = sums[1];
    double[] s2 = sums[2];
    double[] s3 = sums[3];
    int i = 0;
    for (; i + ROWS <= n; i += ROWS) {
      for (double[] sum : sums) {
        Arrays.fill(sum, 0.0);
      }
      for (int p = 0; p < k; p++) {
        double x0 = a[i * ai + p * ap];
        double x1 = a[(i + 1) * ai + p * ap];
        double x2 = a[(i + 2) * ai + p * ap];
        double x3 = a[(i + 3) * ai + p * ap];
        double[] row = rows[p];
        for (int j = 0; j < width; j++) {
          double v = row[j];
          s0[j] = Fma.mulAdd(x0, v, s0[j]);
          s1[j] = Fma.mulAdd(x1, v, s1[j]);
          s2[j] = Fma.mulAdd(x2, v, s2[j]);
          s3[j] = Fma.mulAdd(x3, v, s3[j]);
        }
      }
      for (int r = 0; r < ROWS; r++) {
        System.arraycopy(sums[r], 0, c, (i + r) * m + j0, width);
      }
    }
    for (; i < n; i++) { // the last rows, one at a time
      Arrays.fill(s0, 0.0);
      for (int p = 0; p < k; p++) {
        double x = a[i * ai + p * ap];
        double[] row = rows[p];
        for (int j = 0; j < width; j++) {
          s0[j] = Fma.mulAdd(x, row[j], s0[j]);
        }
      }
      System.arraycopy(s0, 0, c, i * m + j0, width);
    }
  }

  /** A block of B as rows of {@link #COLUMNS}, and {@link #ROWS} rows of sums. */
  private static final class Scratch {
    final double[][] sums = new double[ROWS][COLUMNS];
    private double[][] rows = new double[0][];

    double[][] rows(int k) {
      if (rows.length < k) {
        rows = new double[k][COLUMNS];
      }
      return rows;
    }
  }
}
