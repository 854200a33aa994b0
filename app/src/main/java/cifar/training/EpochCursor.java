package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * The one epoch loop: {@link #start} an epoch, take its steps in as many {@link #steps} calls as
 * wanted, {@link #finish} it. {@code train} takes an epoch's steps in one call ({@link
 * TrainingEpoch#run}); a benchmark takes them in turns, or interleaves two cursors, and its steps
 * are then train's to the bit: the same order of images, gathered in the same chunks, the same
 * divergence check, whatever the calls' sizes.
 *
 * <p>The epoch's order is drawn from the shuffle generator at {@link #start}. Its images are put
 * into that order a chunk at a time ({@link TrainingEpoch#GATHER} images, rounded down to whole
 * batches), and steps take views of the current chunk. The epoch's loss and accuracy are computed
 * once, at {@link #finish}, from the logits every step keeps (the values the loss was taken from,
 * before each update), not summed step by step: each sum would be a host sync. Inside the loop
 * nothing goes to the host but a divergence check every {@value TrainingEpoch#CHECK_EVERY} steps,
 * so on a GPU the steps never wait; a loss that is no longer finite ends the epoch there.
 *
 * <p>Not thread-safe; one cursor per loop.
 */
public final class EpochCursor implements AutoCloseable {
  private final TrainingEpoch loop;
  private final DeviceSplit train;
  private final SplittableRandom shuffle;
  private final NDManager manager;
  private final long n;
  private final long chunk; // images per gather, whole batches
  private final NDList kept = new NDList(); // the epoch's logits, for its score

  private TrainingProgress progress = TrainingProgress.NONE;
  private int epoch;
  private int epochs;
  private long start; // System.nanoTime() at the epoch's start
  private NDManager epochScope; // null between epochs
  private NDArray labels; // every label in this epoch's order, for the score
  private NDArray order;
  private TrainingEpoch.Step step;
  private NDManager chunkScope;
  private NDArray chunkImages;
  private NDArray chunkLabels;
  private long chunkFirst;
  private long chunkEnd;
  private long next; // the first image of the epoch's order that the next step trains on
  private long taken; // steps of this epoch so far
  private boolean diverged;

  /**
   * Trains {@code loop} on every image of {@code train} once per epoch, each epoch in an order
   * drawn from {@code shuffle}; each epoch's temporaries live in a sub-manager of {@code manager}.
   */
  public EpochCursor(TrainingEpoch loop, DeviceSplit train, SplittableRandom shuffle,
      NDManager manager) {
    this(loop, train, shuffle, manager, TrainingEpoch.GATHER);
  }

  /** As the public constructor, gathering {@code gather} images at a time instead. */
  EpochCursor(TrainingEpoch loop, DeviceSplit train, SplittableRandom shuffle, NDManager manager,
      int gather) {
    this.loop = loop;
    this.train = train;
    this.shuffle = shuffle;
    this.manager = manager;
    this.n = train.size();
    this.chunk = (long) loop.batchSize * Math.max(1, gather / loop.batchSize);
  }

  /** Starts the next epoch, reporting nothing while it trains. */
  public void start() {
    start(TrainingProgress.NONE, 0, 0);
  }

  /**
   * Starts the next epoch: draws its order and makes what its steps share. The epoch before must
   * have been finished or discarded.
   *
   * @param progress told after every step how far epoch {@code epoch} of {@code epochs} has got
   */
  void start(TrainingProgress progress, int epoch, int epochs) {
    if (epochScope != null) {
      throw new IllegalStateException("epoch " + this.epoch + " is not finished");
    }
    this.progress = progress;
    this.epoch = epoch;
    this.epochs = epochs;
    start = System.nanoTime();
    epochScope = manager.newSubManager();
    order = epochScope.create(TrainingEpoch.permutation((int) n, shuffle));
    labels = train.labels.get(order);
    labels.attach(epochScope);
    step = loop.begin(epochScope, n);
    chunkFirst = 0;
    chunkEnd = 0;
    next = 0;
    taken = 0;
    diverged = false;
  }

  /** Whether the epoch has no steps left: every image trained on, or the loss diverged. */
  public boolean done() {
    return next == n || diverged;
  }

  /**
   * Takes up to {@code count} of the epoch's next steps, fewer when it is {@link #done} first.
   * Records autograd while it runs.
   *
   * @return the steps taken
   */
  public long steps(long count) {
    long before = taken;
    // Not through DJL's GradientCollector: it allows one per process (a static flag), which
    // would serialise runs trained side by side, while libtorch's grad mode is per thread.
    boolean wasRecording = Torch.recording(true);
    try {
      while (taken - before < count && !done()) {
        if (next == chunkEnd) {
          gatherChunk();
        }
        long to = Math.min(chunkEnd, next + loop.batchSize);
        try (NDManager scope = chunkScope.newSubManager()) {
          step.run(chunkImages, chunkLabels, next - chunkFirst, to - chunkFirst, scope, kept);
        }
        next = to;
        taken++;
        progress.update(epoch, epochs, next, n);
        if (taken % TrainingEpoch.CHECK_EVERY == 0 && !allFinite(kept.get(kept.size() - 1))) {
          diverged = true; // everything after is NaN too
        }
      }
    } finally {
      Torch.recording(wasRecording);
    }
    return taken - before;
  }

  /**
   * Ends the epoch and scores the images it trained on: all of them, or those before the
   * divergence check that found the loss no longer finite.
   */
  public TrainingEpoch.Outcome finish() {
    closeChunk();
    double seconds = (System.nanoTime() - start) / 1e9;
    TrainingEpoch.Outcome outcome =
        score(NDArrays.concat(kept), Torch.rows(labels, 0, next), next, seconds);
    discard();
    return outcome;
  }

  /** Ends the epoch without scoring it, freeing what it holds; nothing when none is started. */
  public void discard() {
    if (epochScope != null) {
      closeChunk();
      epochScope.close();
      epochScope = null;
      kept.clear();
    }
  }

  @Override
  public void close() {
    discard();
  }

  /**
   * Puts the next chunk of the epoch's order, images and labels, into a scope of its own, after
   * freeing the one before (so that under glibc's mmap threshold each chunk reuses its memory).
   */
  private void gatherChunk() {
    closeChunk();
    chunkFirst = next;
    chunkEnd = Math.min(n, next + chunk);
    chunkScope = epochScope.newSubManager();
    NDArray rows = Torch.rows(order, chunkFirst, chunkEnd);
    rows.attach(chunkScope);
    chunkImages = train.images.get(rows);
    chunkLabels = Torch.rows(labels, chunkFirst, chunkEnd);
    chunkImages.attach(chunkScope);
    chunkLabels.attach(chunkScope);
  }

  private void closeChunk() {
    if (chunkScope != null) {
      chunkScope.close();
      chunkScope = null;
      chunkImages = null;
      chunkLabels = null;
    }
  }

  private static TrainingEpoch.Outcome score(NDArray logits, NDArray labels, long images,
      double seconds) {
    double loss = -logits.logSoftmax(1).gather(labels, 1).mean().getFloat();
    long correct = logits.argMax(1).eq(labels.squeeze(1)).sum().getLong();
    return new TrainingEpoch.Outcome(loss, correct / (double) images, images, seconds);
  }

  private static boolean allFinite(NDArray a) {
    return !a.isNaN().logicalOr(a.isInfinite()).any().getBoolean();
  }
}
