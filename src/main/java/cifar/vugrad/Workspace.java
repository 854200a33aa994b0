package cifar.vugrad;

import java.util.Arrays;

/**
 * Memory for the values and gradients of one batch, handed out again for the next batch (the
 * idea of DJL's NDManager and of PyTorch's caching allocator, for plain Java arrays).
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
 *     TensorNode loss = ...;  // forward: the ops take their arrays from the workspace
 *     loss.backward();        // and so do their backwards
 *     sgd.step();
 *     memory.recycle();       // this batch's arrays may now be handed out again
 *   }
 * }
 * }</pre>
 *
 * <p>The rule that keeps it safe: after {@link #recycle} (or {@link #close}) the values and
 * gradients of the nodes that ops made while it was open must not be read any more; read what
 * you need (the loss as a number, a row's argmax) before. Parameters and other leaves are not
 * affected: their values never come from a workspace, and the array that becomes a leaf's
 * gradient is {@link #detach detached} from it.
 * Without an open workspace, ops take new arrays as usual.
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

  /** {@code n} zeros: from the workspace open on this thread, or a new array if none is. */
  public static double[] zeros(int n) {
    Workspace open = OPEN.get();
    return open == null ? new double[n] : open.lend(n, true);
  }

  /**
   * An array of {@code n} for a result that will be written in full: from the open workspace it
   * still holds an earlier batch's numbers, so it skips {@link #zeros}'s clearing (which was 3% of
   * a synthetic epoch). Only for loops that assign every element before anything reads it.
   */
  public static double[] forOverwrite(int n) {
    Workspace open = OPEN.get();
    return open == null ? new double[n] : open.lend(n, false);
  }

  /** A copy of {@code values}, in the open workspace if there is one. */
  public static double[] copyOf(double[] values) {
    double[] copy = forOverwrite(values.length);
    System.arraycopy(values, 0, copy, 0, values.length);
    return copy;
  }

  /**
   * Takes {@code array} out of the open workspaces for good, if one of them lent it: it will not
   * be handed out again, and becomes an ordinary array that the collector takes when it is no
   * longer used. For a value that must outlive the batch (a parameter's gradient): no copy.
   */
  public static void detach(double[] array) {
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
  private double[] lend(int n, boolean cleared) {
    Pool pool = poolFor(n);
    if (pool.lent < pool.owned) {
      double[] array = pool.arrays[pool.lent++];
      if (cleared) {
        Arrays.fill(array, 0.0);
      }
      return array;
    }
    return pool.add(new double[n]); // zeros already: clearing it again showed on 20 MB arrays
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
   * the synthetic epoch is 1.04× faster this way (1.02× under the parallel collector, which has
   * a cheaper barrier; docs/BENCHMARKS.md).
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
