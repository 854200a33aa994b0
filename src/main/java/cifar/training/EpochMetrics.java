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
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testAccuracy,
    double seconds,
    double imagesPerSecond) {}
