package cifar.vugrad;

import java.util.Arrays;

/**
 * Memory for the values and gradients of one batch, handed out again for the next batch (the
 * idea of DJL's NDManager and of PyTorch's caching allocator, for plain Java arrays). This class
 * is the only one that knows about it; ops and modules never do.
 *
 * <p>Why: a training batch of the synthetic task makes about 60 arrays of up to 1,024 doubles,
 * and numbers that small are computed faster than fresh memory can be fetched. A new Java array
 * lies where the heap has not been for a while, so every write to it first waits for the line to
 * come from main memory; that waiting was most of what the profiler charged to the matrix
 * products. With a workspace the next batch gets the same arrays back, still in the cache.
 *
 * <p>How to use it, on the thread that builds the graph:
 *
 * <pre>{@code
 * try (Workspace memory = Workspace.open()) {
 *   for (each batch) {
 *     TensorNode loss = ...;  // forward: the ops' results come from the workspace
 *     loss.backward();        // and so do the gradients
 *     sgd.step();
 *     memory.recycle();       // this batch's arrays may now be handed out again
 *   }
 * }
 * }</pre>
 *
 * <p>The rules, all of them:
 * <ol>
 *   <li>While a workspace is open on a thread, {@link Tensor#empty}, {@link Tensor#emptyLike} and
 *       {@link Tensor#plus} on that thread take their arrays from it (the innermost one, if
 *       several are open). Nothing else does: every other way to make a tensor ({@code of},
 *       {@code zeros}, {@code full}, {@code copy}, ...) makes new memory, and without an open
 *       workspace those three do too. So parameters, data and constants made the usual way are
 *       never the workspace's.
 *   <li>An array from the workspace may hold an earlier batch's numbers: whoever asks for an
 *       {@code empty} tensor writes every element before anything reads it. (A test fills the
 *       recycled arrays with NaN and runs every op, so a skipped element shows.)
 *   <li>After {@link #recycle} (or {@link #close}) the values and gradients of the nodes that
 *       ops made while it was open must not be read any more; read what you need (the loss as a
 *       number, a row's argmax) before.
 *   <li>A tensor that must outlive its batch is {@linkplain Tensor#keep kept}: its array is taken
 *       out of the workspace for good, without a copy. The graph keeps the gradients of leaves
 *       (parameters) this way, so SGD and tests can read them after the batch.
 * </ol>
 */
public final class Workspace implements AutoCloseable {
  private static final ThreadLocal<Workspace> OPEN = new ThreadLocal<>();

  private final Workspace outer;
  private final Thread owner = Thread.currentThread();
  /** The arrays of each length that this workspace owns: a batch uses only a handful of lengths. */
  private Pool[] pools = new Pool[8];
  private int lengths;
  private boolean closed;

  private Workspace(Workspace outer) {
    this.outer = outer;
  }

  /** Opens a workspace on this thread; ops running on it take their arrays from it until closed. */
  public static Workspace open() {
    Workspace workspace = new Workspace(OPEN.get());
    OPEN.set(workspace);
    return workspace;
  }

  /**
   * An array of {@code n} for a result that will be written in full (rule 2): from the open
   * workspace it may still hold an earlier batch's numbers; without one it is a new array.
   */
  static double[] forOverwrite(int n) {
    Workspace open = OPEN.get();
    return open == null ? new double[n] : open.lend(n);
  }

  /**
   * Takes {@code array} out of the open workspaces for good, if one of them lent it (rule 4): it
   * will not be handed out again, and becomes an ordinary array that the collector takes when it
   * is no longer used.
   */
  static void detach(double[] array) {
    for (Workspace open = OPEN.get(); open != null; open = open.outer) {
      for (int i = 0; i < open.lengths; i++) {
        if (open.pools[i].length == array.length && open.pools[i].remove(array)) {
          return;
        }
      }
    }
  }

  /**
   * Takes back every array handed out since the last recycle, to hand out again: from now on the
   * values and gradients made in this workspace must not be read.
   */
  public void recycle() {
    for (int i = 0; i < lengths; i++) {
      pools[i].lent = 0;
    }
  }

  /** Recycles and closes; ops on this thread go back to the workspace open before this one. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner || OPEN.get() != this) {
      throw new IllegalStateException(
          "a Workspace must be closed on the thread that opened it, innermost first");
    }
    recycle();
    closed = true;
    if (outer == null) {
      OPEN.remove();
    } else {
      OPEN.set(outer);
    }
  }

  /** The number of arrays handed out since the last recycle. */
  public int lentCount() {
    int lent = 0;
    for (int i = 0; i < lengths; i++) {
      lent += pools[i].lent;
    }
    return lent;
  }

  /** An array of length n, lent until the next recycle: a free one if there is, else a new one. */
  private double[] lend(int n) {
    Pool pool = poolFor(n);
    if (pool.lent < pool.owned) {
      return pool.arrays[pool.lent++];
    }
    return pool.add(new double[n]);
  }

  private Pool poolFor(int length) {
    for (int i = 0; i < lengths; i++) { // a few lengths, so a scan beats hashing a boxed Integer
      if (pools[i].length == length) {
        return pools[i];
      }
    }
    if (lengths == pools.length) {
      pools = Arrays.copyOf(pools, 2 * lengths);
    }
    pools[lengths] = new Pool(length);
    return pools[lengths++];
  }

  /**
   * The arrays of one length, lent in order: the first {@code lent} are out, the rest up to
   * {@code owned} are free. Lending moves the boundary and a recycle puts it back to 0, so
   * neither writes a reference. Handing arrays out of a stack and pushing them back, with a list
   * of the lent ones, wrote four per array and batch, each behind a barrier of the G1 collector:
   * the synthetic epoch is faster this way, under G1 and (less so) under the parallel collector,
   * which has a cheaper barrier (docs/benchmarks/JOURNAL.md).
   */
  private static final class Pool {
    final int length;
    double[][] arrays = new double[8][];
    int owned;
    int lent;

    Pool(int length) {
      this.length = length;
    }

    /** Takes a new array into the pool, lent at once (when every array it owns is lent). */
    double[] add(double[] array) {
      if (owned == arrays.length) {
        arrays = Arrays.copyOf(arrays, 2 * owned);
      }
      arrays[owned++] = array;
      lent++;
      return array;
    }

    /** Takes a lent array out of the pool for good; false if it is not one of the lent. */
    boolean remove(double[] array) {
      for (int i = lent - 1; i >= 0; i--) { // usually one of the last lent
        if (arrays[i] == array) {
          arrays[i] = arrays[lent - 1]; // the last lent one fills the hole,
          arrays[lent - 1] = arrays[owned - 1]; // the last free one the place it left,
          arrays[owned - 1] = null;
          lent--;
          owned--;
          return true;
        }
      }
      return false;
    }
  }
}
