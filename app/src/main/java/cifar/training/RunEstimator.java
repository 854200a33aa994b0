package cifar.training;

import cifar.config.ConfigException;
import cifar.config.RunConfig;

/**
 * What a sweep asks about a run before it trains it, answered by the code that trains it (the
 * {@link RunExecutor}'s side): can this config be trained at all, and what does one of its
 * training images cost. The sweep engine knows no network; {@link CnnEstimator} answers for the
 * CNN. The answers need no data and no engine, so that a sweep file's errors, a dry run's
 * budget and the order of the runs come before anything is loaded.
 */
public interface RunEstimator {
  /**
   * Refuses a config that cannot be trained, although each of its keys is valid on its own.
   *
   * @throws ConfigException naming the key and value that do not fit
   */
  void check(RunConfig config);

  /**
   * Estimated seconds per training image on one core, the evaluations after each epoch left
   * out. It only has to rank configs (which run trains longest, how a search's budget compares
   * with a grid's), not to predict a machine's seconds.
   */
  double secondsPerImage(RunConfig config);
}
