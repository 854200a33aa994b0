package cifar.training;

/**
 * Told how far the current epoch has got, after every training step. Called on the training
 * thread, so it must be cheap: a printer decides itself how often to print (a terminal bar a few
 * times a second, a plain line every few seconds).
 */
@FunctionalInterface
public interface TrainingProgress {
  /** Prints nothing. */
  TrainingProgress NONE = (epoch, epochs, done, total) -> {};

  /**
   * @param epoch the 1-based epoch being trained
   * @param epochs epochs in the run
   * @param imagesDone training images of this epoch done so far
   * @param imagesTotal training images per epoch
   */
  void update(int epoch, int epochs, long imagesDone, long imagesTotal);
}
