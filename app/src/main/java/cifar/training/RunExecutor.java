package cifar.training;

import cifar.config.RunConfig;
import cifar.provenance.Provenance;
import java.util.List;

/**
 * Trains one run to the end and reports it. The sweep depends only on this, so its scheduling,
 * resuming and sharding can be tested with a cheap executor. What the sweep asks before any run
 * trains (can this config be trained, what does it cost) {@link RunEstimator} answers, without
 * loading data.
 */
@FunctionalInterface
public interface RunExecutor {
  /**
   * Trains the run. Divergence is reported as {@link RunStatus#DIVERGED}, not thrown.
   *
   * @param config what to train
   * @param progress receives each epoch as it finishes (for progress lines and partial records);
   *     a run resumed from a checkpoint first reports the epochs it had already finished
   * @param files where to keep the run's checkpoints (and resume from them) and its final
   *     parameters
   */
  RunResult execute(RunConfig config, EpochListener progress, RunFiles files);

  /** Trains the run from scratch, keeping no checkpoints and no parameters. */
  default RunResult execute(RunConfig config, EpochListener progress) {
    return execute(config, progress, RunFiles.NONE);
  }

  /**
   * How many runs of {@code config} that differ only in their seed this executor can train
   * together as one stacked model, every kernel of a step shared by them; 1 (the default) when it
   * trains one run at a time.
   */
  default int stackLimit(RunConfig config) {
    return 1;
  }

  /**
   * Trains runs that are equal but for their seed together, in one stacked model (at most {@link
   * #stackLimit} of them). Each member's result is the one a separate run of it would give, up to
   * the order of floating-point sums, and the same on every rerun of the same group. A member
   * that diverges is reported {@link RunStatus#DIVERGED} while the others go on.
   *
   * @param configs the members, equal but for the seed, in the group's fixed order
   * @param progress one listener per member, told about each of its finished epochs
   * @param files the group's checkpoint directory and each member's parameter file
   * @return one result per member, in the order of {@code configs}
   */
  default List<RunResult> executeStacked(List<RunConfig> configs, List<EpochListener> progress,
      StackFiles files) {
    throw new UnsupportedOperationException("this executor trains one run at a time");
  }

  /**
   * The engine facts this executor's runs are made with, for their provenance. An executor that
   * loads no engine (a test's) says so with {@link Provenance.Engine#notLoaded()}.
   */
  default Provenance.Engine engine() {
    return Provenance.Engine.notLoaded();
  }

  /** Told about each finished epoch of a run. */
  @FunctionalInterface
  interface EpochListener {
    void epochDone(EpochMetrics metrics);
  }
}
