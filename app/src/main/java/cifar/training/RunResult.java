package cifar.training;

import cifar.config.RunConfig;
import java.util.List;

/**
 * The outcome of one training run.
 *
 * @param config the run's full configuration
 * @param status how it ended
 * @param epochs metrics of every completed epoch, in order
 * @param testAccuracy final test accuracy (of the last good epoch), 0..1, NaN if none
 * @param perClassAccuracy final test accuracy per CIFAR-10 class (10 entries), empty if none
 * @param confusion the final confusion matrix (see {@link Evaluation#confusion()}), empty if none
 * @param wallSeconds wall time of the whole run, evaluation included
 * @param error what went wrong, for DIVERGED and FAILED; null for OK
 */
public record RunResult(
    RunConfig config,
    RunStatus status,
    List<EpochMetrics> epochs,
    double testAccuracy,
    List<Double> perClassAccuracy,
    List<List<Integer>> confusion,
    double wallSeconds,
    String error) {

  public RunResult {
    epochs = List.copyOf(epochs);
    perClassAccuracy = List.copyOf(perClassAccuracy);
    confusion = confusion == null ? List.of() : confusion.stream().map(List::copyOf).toList();
  }

  /**
   * Validation accuracy after the last finished epoch (of the last good one, like the test
   * accuracy), or null when the run held no images out or finished no epoch.
   */
  public Double validationAccuracy() {
    return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).validationAccuracy();
  }
}
