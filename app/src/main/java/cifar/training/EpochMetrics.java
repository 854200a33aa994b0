package cifar.training;

/**
 * What one epoch of training measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch
 * @param trainAccuracy training accuracy over the epoch, 0..1
 * @param testAccuracy test accuracy after the epoch, 0..1
 * @param seconds wall time of the epoch's training (evaluation excluded)
 * @param imagesPerSecond training images per second in this epoch
 * @param validationAccuracy accuracy on the held-out training images after the epoch, 0..1;
 *     null when the run holds none out ({@code validation} 0, and every record made before)
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testAccuracy,
    double seconds,
    double imagesPerSecond,
    Double validationAccuracy) {

  /** An epoch of a run without a validation split. */
  public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
      double seconds, double imagesPerSecond) {
    this(epoch, trainLoss, trainAccuracy, testAccuracy, seconds, imagesPerSecond, null);
  }
}
