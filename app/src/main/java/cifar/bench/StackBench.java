package cifar.bench;

import ai.djl.ndarray.NDManager;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import cifar.training.DeviceSplit;
import cifar.training.EpochCursor;
import cifar.training.EpochLoop;
import cifar.training.StackedEpochCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Times K seeds of one config trained as K separate models (each its own {@link EpochCursor},
 * as K runs of {@code train} would) against the same K trained as one stacked model (a {@link
 * StackedEpochCursor}, as {@code executeStacked} trains them), in one process.
 *
 * <p>Why in alternating turns: on the shared build machines the speed swings by more than the
 * difference measured. Each turn gives every separate model {@code turnSteps} steps, then the
 * stack {@code turnSteps} stacked steps (the same images per member), who goes first
 * alternating, so a slow stretch hits both alike. The first turn warms both up and is not timed.
 */
public final class StackBench {
  /**
   * Seconds per member image for each way, as images per second per member: K members trained
   * one after another in time T each advance by their images over T.
   *
   * @param members K
   * @param separate images per second per member, K separate models
   * @param stacked images per second per member, one stacked model
   */
  public record Result(int members, double separate, double stacked) {
    /** How many times faster the stack trains each member. */
    public double ratio() {
      return stacked / separate;
    }
  }

  private StackBench() {}

  /**
   * Trains {@code members} seeds (1..K) of {@code config} on the first {@code images} training
   * images both ways for {@code turns} timed turns of {@code turnSteps} steps.
   */
  public static Result run(CifarDataset data, RunConfig config, int members, int images,
      int turns, int turnSteps) {
    List<RunConfig> configs = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      configs.add(config.with("seed", i + 1));
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      DeviceSplit train = DeviceSplit.upload(data.train(), manager).limit(images, manager);
      List<Turns> separate = new ArrayList<>();
      for (RunConfig c : configs) {
        EpochCursor cursor = new EpochCursor(
            EpochLoop.direct(c, BlitzNet.build(c, manager), manager), train,
            new SplittableRandom(c.seed()), manager);
        separate.add(new Turns(cursor::start, cursor::steps, cursor::done, cursor::finish));
      }
      StackedEpochCursor stack = StackedEpochCursor.of(configs, train, manager);
      Turns stacked = new Turns(stack::start, stack::steps, stack::done, stack::finish);
      long[] nanos = new long[2];
      for (int t = 0; t <= turns; t++) {
        for (int j = 0; j < 2; j++) {
          boolean separateNow = (t + j) % 2 == 0;
          long start = System.nanoTime();
          if (separateNow) {
            separate.forEach(s -> s.take(turnSteps));
          } else {
            stacked.take(turnSteps);
          }
          if (t > 0) {
            nanos[separateNow ? 0 : 1] += System.nanoTime() - start;
          }
        }
      }
      double perMember = (double) turns * turnSteps * config.batchSize();
      return new Result(members, perMember / (nanos[0] / 1e9), perMember / (nanos[1] / 1e9));
    }
  }

  /** A cursor's steps taken in turns, starting a new epoch whenever one ends. */
  private static final class Turns {
    private final Runnable start;
    private final LongUnaryOperator steps;
    private final BooleanSupplier done;
    private final Runnable finish;
    private boolean started;

    Turns(Runnable start, LongUnaryOperator steps, BooleanSupplier done, Runnable finish) {
      this.start = start;
      this.steps = steps;
      this.done = done;
      this.finish = finish;
    }

    void take(long count) {
      long left = count;
      while (left > 0) {
        if (!started || done.getAsBoolean()) {
          if (started) {
            finish.run();
          }
          start.run();
          started = true;
        }
        left -= steps.applyAsLong(left);
      }
    }
  }
}
