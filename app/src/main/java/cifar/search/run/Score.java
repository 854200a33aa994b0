package cifar.search.run;

import cifar.sweep.store.RunRecord;
import cifar.training.RunStatus;

/**
 * What a search ranks a trial's run by: its accuracy on the held-out training images after its
 * last epoch. Never the test accuracy, which the report shows beside it for the winners only, so
 * that the test set stays an honest estimate of how a chosen config does on new images.
 */
public final class Score {
  private Score() {}

  /** The run's validation accuracy; NaN when it did not end ok (diverged, failed) or has none. */
  public static double of(RunRecord r) {
    return r.status() == RunStatus.OK && r.validationAccuracy() != null
        ? r.validationAccuracy() : Double.NaN;
  }
}
