package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * One epoch of training: every image once, in an order drawn from the run's generator, batch by
 * batch. What a step does is the subclass's: on one device ({@link EpochLoop}) or split over
 * several ({@link ReplicatedEpochLoop}); the scaffolding around the steps is here.
 *
 * <p>The epoch's loss and accuracy are computed once at the end from the logits every step keeps
 * (the values the loss was taken from, before each update), not summed step by step: each sum
 * would be a host sync. Inside the loop nothing goes to the host but a divergence check every
 * {@value #CHECK_EVERY} steps, so on a GPU the steps never wait.
 */
abstract class TrainingEpoch {
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
  record Outcome(double loss, double accuracy, long images, double seconds) {
    boolean diverged() {
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
   * Trains on every image of {@code train} once, in an order drawn from {@code shuffle}.
   *
   * @param manager where the epoch's temporaries live (closed with the run)
   */
  final Outcome run(DeviceSplit train, SplittableRandom shuffle, NDManager manager,
      TrainingProgress progress, int epoch, int epochs) {
    return run(train, shuffle, manager, progress, epoch, epochs, GATHER);
  }

  /** {@link #run} gathering {@code gather} images at a time instead of {@link #GATHER}. */
  final Outcome run(DeviceSplit train, SplittableRandom shuffle, NDManager manager,
      TrainingProgress progress, int epoch, int epochs, int gather) {
    long n = train.size();
    long start = System.nanoTime();
    try (NDManager epochScope = manager.newSubManager()) {
      NDArray order = epochScope.create(permutation((int) n, shuffle));
      NDArray y = train.labels.get(order); // every label in this epoch's order, for the score
      y.attach(epochScope);
      Step step = begin(epochScope, n);
      NDList kept = new NDList();
      long chunk = (long) batchSize * Math.max(1, gather / batchSize); // whole batches
      long done = 0;
      long steps = 0;
      // Autograd records for the whole epoch. Not through DJL's GradientCollector: it allows one
      // per process (a static flag), which would serialise runs trained side by side, while
      // libtorch's grad mode is per thread.
      boolean wasRecording = Torch.recording(true);
      try {
        epoch:
        for (long first = 0; first < n; first += chunk) {
          long end = Math.min(n, first + chunk);
          try (NDManager chunkScope = epochScope.newSubManager()) {
            NDList chunkData = gather(train, order, y, first, end, chunkScope);
            NDArray x = chunkData.get(0);
            NDArray yc = chunkData.get(1);
            for (long from = first; from < end; from += batchSize) {
              long to = Math.min(end, from + batchSize);
              try (NDManager scope = chunkScope.newSubManager()) {
                step.run(x, yc, from - first, to - first, scope, kept);
              }
              done = to;
              steps++;
              progress.update(epoch, epochs, done, n);
              if (steps % CHECK_EVERY == 0 && !allFinite(kept.get(kept.size() - 1))) {
                break epoch; // diverged: everything after is NaN too
              }
            }
          }
        }
      } finally {
        Torch.recording(wasRecording);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return score(NDArrays.concat(kept), Torch.rows(y, 0, done), done, seconds);
    }
  }

  /**
   * Images {@code first} to {@code end} of an epoch's {@code order}, and their {@code labels}
   * (already in that order), gathered into {@code scope}: one gather for a chunk of steps, which
   * then take views of it.
   */
  static NDList gather(DeviceSplit train, NDArray order, NDArray labels, long first, long end,
      NDManager scope) {
    NDArray rows = Torch.rows(order, first, end);
    rows.attach(scope);
    NDArray x = train.images.get(rows);
    NDArray y = Torch.rows(labels, first, end);
    x.attach(scope);
    y.attach(scope);
    return new NDList(x, y);
  }

  static Outcome score(NDArray logits, NDArray labels, long images, double seconds) {
    double loss = -logits.logSoftmax(1).gather(labels, 1).mean().getFloat();
    long correct = logits.argMax(1).eq(labels.squeeze(1)).sum().getLong();
    return new Outcome(loss, correct / (double) images, images, seconds);
  }

  static boolean allFinite(NDArray a) {
    return !a.isNaN().logicalOr(a.isInfinite()).any().getBoolean();
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
