package cifar.training;

import cifar.config.RunConfig;

/**
 * Trains one run to the end and reports it. The sweep depends only on this, so its scheduling,
 * resuming and sharding can be tested with a cheap executor.
 */
@FunctionalInterface
public interface RunExecutor {
  /**
   * Trains the run. Divergence is reported as {@link RunStatus#DIVERGED}, not thrown.
   *
   * @param config what to train
   * @param progress receives each epoch as it finishes (for progress lines and partial records)
   */
  RunResult execute(RunConfig config, EpochListener progress);

  /** Told about each finished epoch of a run. */
  @FunctionalInterface
  interface EpochListener {
    void epochDone(EpochMetrics metrics);
  }
}
