package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * How a run trains: every image once per epoch, in an order drawn from the run's generator, batch
 * by batch. What a step does is the subclass's: on one device ({@link EpochLoop}) or split over
 * several ({@link ReplicatedEpochLoop}); the loop around the steps is {@link EpochCursor}'s.
 */
public abstract class TrainingEpoch {
  /** Steps between divergence checks (one small host sync each). */
  static final int CHECK_EVERY = 250;

  /**
   * Images put into the epoch's order at a time (rounded down to whole batches): 2,048 images
   * are 25 MB of float32, where the whole training set in one gather was a 614 MB copy per epoch
   * and run. Under glibc's 32 MB limit, so the chunks reuse the same memory instead of mapping
   * fresh pages each time. Steps only ever see views into the current chunk.
   */
  static final int GATHER = 2048;

  /** Images per step (the last step of an epoch may have fewer). */
  final int batchSize;

  TrainingEpoch(int batchSize) {
    this.batchSize = batchSize;
  }

  /** What one epoch measured: mean loss and accuracy over the images trained on. */
  public record Outcome(double loss, double accuracy, long images, double seconds) {
    /** Whether the loss stopped being finite. */
    public boolean diverged() {
      return !Double.isFinite(loss);
    }
  }

  /** One training step, with the epoch's constants (made by {@link #begin}) at hand. */
  interface Step {
    /**
     * Trains on rows {@code from..to} of {@code x} and {@code y} (a chunk of this epoch's images
     * and labels, already in its order) and adds their logits, detached, to {@code kept}.
     * Temporaries go to {@code scope}, which is closed when the step ends.
     */
    void run(NDArray x, NDArray y, long from, long to, NDManager scope, NDList kept);
  }

  /** The optimizer whose momentum state a checkpoint keeps. */
  abstract MomentumSgd optimizer();

  /**
   * The shuffle generator of a run with {@code seed} after {@code epochs} epochs of {@code n}
   * images: every epoch draws one permutation, so replaying them puts it where the run left it.
   */
  static SplittableRandom shuffleAfter(long seed, int n, int epochs) {
    SplittableRandom shuffle = new SplittableRandom(seed);
    for (int e = 0; e < epochs; e++) {
      permutation(n, shuffle);
    }
    return shuffle;
  }

  /**
   * Makes what the steps of one epoch of {@code n} images share (constants, scopes on other
   * devices) in {@code epochScope}, which lives until the epoch ends, and returns the step.
   */
  abstract Step begin(NDManager epochScope, long n);

  /**
   * Trains on every image of {@code train} once, in an order drawn from {@code shuffle}: one
   * epoch of {@code train}, through an {@link EpochCursor} in one call.
   *
   * @param manager where the epoch's temporaries live (closed with the run)
   */
  public final Outcome run(DeviceSplit train, SplittableRandom shuffle, NDManager manager,
      TrainingProgress progress, int epoch, int epochs) {
    try (EpochCursor cursor = new EpochCursor(this, train, shuffle, manager)) {
      cursor.start(progress, epoch, epochs);
      cursor.steps(Long.MAX_VALUE);
      return cursor.finish();
    }
  }

  /** Fisher–Yates, from the run's own generator: the same order for a seed on every device. */
  static long[] permutation(int n, SplittableRandom random) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
