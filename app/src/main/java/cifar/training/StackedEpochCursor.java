package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import cifar.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link EpochCursor} for K members trained as one {@link StackedModel}: the same epoch loop
 * (start, steps in calls of any size, finish), the same chunked gathers and the same divergence
 * check every {@value TrainingEpoch#CHECK_EVERY} steps ({@link EpochSteps}, which both share),
 * with each member's own order of images.
 *
 * <p>At {@link #start} each member draws its epoch's order from its own shuffle generator, as its
 * separate run would. A chunk gathers each member's next images in its order and puts them side
 * by side along the channels, (C, 3K, 32, 32); the labels are (K, n, 1), member i's in row i.
 * The check finds which members' logits are no longer finite; those are diverged for good (their
 * values stay NaN, which reaches no other member), and the epoch ends early only when every
 * member has diverged. {@link #finish} scores each member on its own logits.
 *
 * <p>Not thread-safe; one cursor per stacked loop.
 */
public final class StackedEpochCursor implements AutoCloseable {
  private final StackedEpochLoop loop;
  private final DeviceSplit train;
  private final List<SplittableRandom> shuffles;
  private final int k;
  private final long n;
  private final boolean[] diverged;
  private final EpochSteps steps;

  private NDArray[] orders;
  private NDArray labels; // (K, n, 1)

  StackedEpochCursor(StackedEpochLoop loop, DeviceSplit train, List<SplittableRandom> shuffles,
      NDManager manager) {
    this.loop = loop;
    this.train = train;
    this.shuffles = List.copyOf(shuffles);
    this.k = shuffles.size();
    this.n = train.size();
    this.diverged = new boolean[k];
    this.steps = new EpochSteps(manager, n, loop.batchSize, TrainingEpoch.GATHER);
  }

  /**
   * A stack of {@code configs} (equal but for the seed) built and initialised as {@code train}
   * builds each, trained from scratch on {@code train}, each member shuffling from its seed; what
   * it makes lives in {@code manager}. The benchmarks drive it.
   */
  public static StackedEpochCursor of(List<RunConfig> configs, DeviceSplit train,
      NDManager manager) {
    StackedEpochLoop loop =
        new StackedEpochLoop(StackedModel.build(configs, manager), configs.get(0), manager);
    List<SplittableRandom> shuffles = new ArrayList<>();
    for (RunConfig c : configs) {
      shuffles.add(new SplittableRandom(c.seed()));
    }
    return new StackedEpochCursor(loop, train, shuffles, manager);
  }

  /** Starts the next epoch, reporting nothing while it trains. */
  public void start() {
    start(TrainingProgress.NONE, 0, 0);
  }

  /** As {@link EpochCursor}'s start: draws each member's order, makes the steps' constants. */
  void start(TrainingProgress progress, int epoch, int epochs) {
    NDManager epochScope = steps.open(progress, epoch, epochs);
    orders = new NDArray[k];
    NDArray[] each = new NDArray[k];
    for (int i = 0; i < k; i++) {
      orders[i] = epochScope.create(TrainingEpoch.permutation((int) n, shuffles.get(i)));
      each[i] = train.labels.get(orders[i]);
      each[i].attach(epochScope);
    }
    labels = Torch.stack(each);
    labels.attach(epochScope);
    steps.begin(loop.begin(epochScope, n), new EpochSteps.Chunks() {
      @Override
      public NDArray[] gather(long from, long to, NDManager scope) {
        NDArray[] images = new NDArray[k];
        for (int i = 0; i < k; i++) {
          NDArray rows = Torch.rows(orders[i], from, to);
          rows.attach(scope);
          images[i] = train.images.get(rows);
          images[i].attach(scope);
        }
        NDArray side = k == 1 ? images[0] : Torch.cat(images, 1);
        return new NDArray[] {side, Torch.slice(labels, 1, from, to)};
      }

      @Override
      public boolean stop(NDArray logits) {
        markNonFinite(logits);
        return allDiverged();
      }
    });
  }

  /** Whether the epoch has no steps left: every image trained on, or every member diverged. */
  public boolean done() {
    return steps.done() || allDiverged();
  }

  /** Whether member {@code i} has diverged (in this epoch or an earlier one). */
  boolean diverged(int i) {
    return diverged[i];
  }

  /** Marks member {@code i} diverged before this cursor started (a resumed group's). */
  void markDiverged(int i) {
    diverged[i] = true;
  }

  /** Whether every member has diverged: nothing is left to train. */
  boolean allDiverged() {
    for (boolean d : diverged) {
      if (!d) {
        return false;
      }
    }
    return true;
  }

  /** Takes up to {@code count} of the epoch's next steps; see {@link EpochCursor#steps}. */
  public long steps(long count) {
    return steps.steps(count);
  }

  /**
   * Ends the epoch and scores each member on the images trained on; a member whose loss is not
   * finite is {@link #diverged} from now on.
   */
  public List<TrainingEpoch.Outcome> finish() {
    double seconds = steps.end();
    long next = steps.trained();
    NDArray logits = NDArrays.concat(steps.kept(), 1);
    NDArray seen = Torch.slice(labels, 1, 0, next);
    float[] loss = StackedEpochLoop.picked(logits, seen).squeeze(2).mean(new int[] {1})
        .toFloatArray();
    long[] correct = logits.argMax(2).eq(seen.squeeze(2)).sum(new int[] {1}).toLongArray();
    List<TrainingEpoch.Outcome> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new TrainingEpoch.Outcome(-loss[i], correct[i] / (double) next, next, seconds));
      diverged[i] |= out.get(i).diverged();
    }
    discard();
    return out;
  }

  /** Ends the epoch without scoring it; nothing when none is started. */
  public void discard() {
    steps.discard();
  }

  @Override
  public void close() {
    discard();
  }

  /** Marks the members whose logits (K, B, 10) hold a NaN or an infinity: one host sync. */
  private void markNonFinite(NDArray logits) {
    boolean[] bad = logits.isNaN().logicalOr(logits.isInfinite()).toBooleanArray();
    int each = bad.length / k;
    for (int i = 0; i < bad.length; i++) {
      diverged[i / each] |= bad[i];
    }
  }
}
