package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * <p>The chunks, the steps and the check are {@link EpochSteps}', which the stacked loop
 * ({@link StackedEpochCursor}) shares. Not thread-safe; one cursor per loop.
 */
public final class EpochCursor implements AutoCloseable {
  private final TrainingEpoch loop;
  private final DeviceSplit train;
  private final SplittableRandom shuffle;
  private final long n;
  private final EpochSteps steps;

  private NDArray labels; // every label in this epoch's order, for the score
  private NDArray order;

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
    this.n = train.size();
    this.steps = new EpochSteps(manager, n, loop.batchSize, gather);
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
    NDManager epochScope = steps.open(progress, epoch, epochs);
    order = epochScope.create(TrainingEpoch.permutation((int) n, shuffle));
    labels = train.labels.get(order);
    labels.attach(epochScope);
    steps.begin(loop.begin(epochScope, n), new EpochSteps.Chunks() {
      @Override
      public NDArray[] gather(long from, long to, NDManager scope) {
        NDArray rows = Torch.rows(order, from, to);
        rows.attach(scope);
        return new NDArray[] {train.images.get(rows), Torch.rows(labels, from, to)};
      }

      @Override
      public boolean stop(NDArray logits) {
        return !allFinite(logits); // everything after is NaN too
      }
    });
  }

  /** Whether the epoch has no steps left: every image trained on, or the loss diverged. */
  public boolean done() {
    return steps.done();
  }

  /**
   * Takes up to {@code count} of the epoch's next steps, fewer when it is {@link #done} first.
   * Records autograd while it runs.
   *
   * @return the steps taken
   */
  public long steps(long count) {
    return steps.steps(count);
  }

  /**
   * Ends the epoch and scores the images it trained on: all of them, or those before the
   * divergence check that found the loss no longer finite.
   */
  public TrainingEpoch.Outcome finish() {
    double seconds = steps.end();
    long next = steps.trained();
    TrainingEpoch.Outcome outcome =
        score(NDArrays.concat(steps.kept()), Torch.rows(labels, 0, next), next, seconds);
    discard();
    return outcome;
  }

  /** Ends the epoch without scoring it, freeing what it holds; nothing when none is started. */
  public void discard() {
    steps.discard();
  }

  @Override
  public void close() {
    discard();
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
