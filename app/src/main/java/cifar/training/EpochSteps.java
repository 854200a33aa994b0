package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * What the epoch loops ({@link EpochCursor}, and {@link StackedEpochCursor} for a stack) share:
 * an epoch's scope, its images gathered a chunk at a time into the epoch's order, the steps
 * through them in calls of any size, each step's logits kept, and a look at the latest logits
 * every {@value TrainingEpoch#CHECK_EVERY} steps, which may end the epoch. What a chunk gathers
 * and what the look decides are the cursor's ({@link Chunks}).
 */
final class EpochSteps {
  /** A cursor's side of an epoch. */
  interface Chunks {
    /**
     * Images and labels of positions {@code from..to} of the epoch's order, gathered into {@code
     * scope}: {images, labels}, the images' rows being the positions.
     */
    NDArray[] gather(long from, long to, NDManager scope);

    /** Whether the epoch must end, seeing the latest step's logits. */
    boolean stop(NDArray logits);
  }

  private final NDManager manager;
  private final long n;
  private final int batchSize;
  private final long chunk; // images per gather, whole batches
  private final NDList kept = new NDList(); // the epoch's logits, for its score

  private TrainingProgress progress = TrainingProgress.NONE;
  private int epoch;
  private int epochs;
  private long start; // System.nanoTime() at the epoch's start
  private NDManager epochScope; // null between epochs
  private TrainingEpoch.Step step;
  private Chunks chunks;
  private NDManager chunkScope;
  private NDArray chunkImages;
  private NDArray chunkLabels;
  private long chunkFirst;
  private long chunkEnd;
  private long next; // the first position of the epoch's order that the next step trains on
  private long taken; // steps of this epoch so far
  private boolean stopped;

  /** Epochs of {@code n} images, {@code gather} at a time, their scopes in {@code manager}. */
  EpochSteps(NDManager manager, long n, int batchSize, int gather) {
    this.manager = manager;
    this.n = n;
    this.batchSize = batchSize;
    this.chunk = (long) batchSize * Math.max(1, gather / batchSize);
  }

  /**
   * Opens the next epoch's scope, for the cursor to make the epoch's order and constants in
   * before {@link #begin}. The epoch before must have been finished or discarded.
   */
  NDManager open(TrainingProgress progress, int epoch, int epochs) {
    if (epochScope != null) {
      throw new IllegalStateException("epoch " + this.epoch + " is not finished");
    }
    this.progress = progress;
    this.epoch = epoch;
    this.epochs = epochs;
    start = System.nanoTime();
    epochScope = manager.newSubManager();
    chunkFirst = 0;
    chunkEnd = 0;
    next = 0;
    taken = 0;
    stopped = false;
    return epochScope;
  }

  /** The opened epoch trains with {@code step} on what {@code chunks} gathers. */
  void begin(TrainingEpoch.Step step, Chunks chunks) {
    this.step = step;
    this.chunks = chunks;
  }

  /** Whether the epoch has no steps left: every image trained on, or {@link Chunks#stop}. */
  boolean done() {
    return next == n || stopped;
  }

  /** Takes up to {@code count} steps, fewer when {@link #done} first; returns those taken. */
  long steps(long count) {
    long before = taken;
    // Not through DJL's GradientCollector: it allows one per process (a static flag), which
    // would serialise runs trained side by side, while libtorch's grad mode is per thread.
    boolean wasRecording = Torch.recording(true);
    try {
      while (taken - before < count && !done()) {
        if (next == chunkEnd) {
          gatherChunk();
        }
        long to = Math.min(chunkEnd, next + batchSize);
        try (NDManager scope = chunkScope.newSubManager()) {
          step.run(chunkImages, chunkLabels, next - chunkFirst, to - chunkFirst, scope, kept);
        }
        next = to;
        taken++;
        progress.update(epoch, epochs, next, n);
        if (taken % TrainingEpoch.CHECK_EVERY == 0 && chunks.stop(kept.get(kept.size() - 1))) {
          stopped = true;
        }
      }
    } finally {
      Torch.recording(wasRecording);
    }
    return taken - before;
  }

  /** The images trained on in this epoch so far. */
  long trained() {
    return next;
  }

  /** The logits kept by this epoch's steps, in order. */
  NDList kept() {
    return kept;
  }

  /** Frees the current chunk and gives the epoch's seconds so far, for its score. */
  double end() {
    closeChunk();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Ends the epoch, freeing what it holds; nothing when none is open. */
  void discard() {
    if (epochScope != null) {
      closeChunk();
      epochScope.close();
      epochScope = null;
      kept.clear();
    }
  }

  /**
   * Puts the next chunk of the epoch's order into a scope of its own, after freeing the one
   * before (so that under glibc's mmap threshold each chunk reuses its memory).
   */
  private void gatherChunk() {
    closeChunk();
    chunkFirst = next;
    chunkEnd = Math.min(n, next + chunk);
    chunkScope = epochScope.newSubManager();
    NDArray[] gathered = chunks.gather(chunkFirst, chunkEnd, chunkScope);
    chunkImages = gathered[0];
    chunkLabels = gathered[1];
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
}
