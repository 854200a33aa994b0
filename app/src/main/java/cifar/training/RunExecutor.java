package cifar.training;

import cifar.config.RunConfig;
import cifar.provenance.Provenance;

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
