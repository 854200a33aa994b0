package cifar.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import cifar.UserError;

/**
 * libtorch's thread pools are process-wide. DJL reads {@code ai.djl.pytorch.num_threads} and
 * {@code ai.djl.pytorch.num_interop_threads} once, when the engine loads, so {@link #configure}
 * must run before anything touches DJL; later calls can still change the intra-op count (libtorch
 * allows that at any time) but never the inter-op one.
 */
public final class Threads {
  private static final String INTRA = "ai.djl.pytorch.num_threads";
  private static final String INTER = "ai.djl.pytorch.num_interop_threads";

  private Threads() {}

  /**
   * Sets libtorch's intra-op thread count for the whole process (0 = leave libtorch's default,
   * one per physical core). Inter-op threads are set to 1: this program never runs independent
   * ops in parallel inside one step, and idle pools only cost memory.
   */
  public static synchronized void configure(int threads) {
    if (threads < 0) {
      throw new UserError("--threads: value '" + threads + "' must be 0 (default) or more");
    }
    if (threads > 0) {
      System.setProperty(INTRA, Integer.toString(threads));
    }
    if (System.getProperty(INTER) == null) {
      System.setProperty(INTER, "1");
    }
    Engine.getInstance(); // loads libtorch, which reads the properties above
    if (threads > 0 && JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** Batches up to this size train faster on one thread than on several (docs/BENCHMARKS.md). */
  public static final int SMALL_BATCH = 8;

  /**
   * The intra-op thread count for a run: {@code requested} when the user gave one, else one
   * thread for small batches and libtorch's default (one per core) for larger ones. Measured on
   * the 2-core build machines: at batch 4, 1 thread trains 3,520 images/s and 2 threads 2,403
   * (the second thread is woken and put to sleep between tiny kernels); at batch 32, 2 threads
   * win, 7,394 against 5,397.
   */
  public static int forBatch(int requested, int batchSize) {
    if (requested > 0) {
      return requested;
    }
    return batchSize <= SMALL_BATCH ? 1 : 0;
  }

  /** libtorch's intra-op thread count now. */
  public static int intraOp() {
    Engine.getInstance();
    return JniUtils.getNumThreads();
  }

  /** libtorch's inter-op thread count now. */
  public static int interOp() {
    Engine.getInstance();
    return JniUtils.getNumInteropThreads();
  }
}
