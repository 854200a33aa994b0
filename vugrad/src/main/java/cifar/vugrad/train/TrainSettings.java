package cifar.vugrad.train;

import cifar.vugrad.InputError;
import cifar.vugrad.nn.Activation;

/** What one vugrad training run needs besides the data (vugrad's train_mlp.py arguments). */
public record TrainSettings(
    Activation activation, int hidden, int epochs, int batchSize, double lr, long seed) {

  public TrainSettings {
    requirePositive("hidden", hidden);
    requirePositive("epochs", epochs);
    requirePositive("batch-size", batchSize);
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new InputError("lr must be a positive number, got " + lr);
    }
  }

  /** vugrad's defaults on the synthetic task: hidden 8 (4 × 2 features), 20 epochs, batch 128. */
  public static TrainSettings synthDefaults(Activation activation, long seed) {
    return new TrainSettings(activation, 8, 20, 128, 0.01, seed);
  }

  public TrainSettings withEpochs(int newEpochs) {
    return new TrainSettings(activation, hidden, newEpochs, batchSize, lr, seed);
  }

  public TrainSettings withSeed(long newSeed) {
    return new TrainSettings(activation, hidden, epochs, batchSize, lr, newSeed);
  }

  public TrainSettings withActivation(Activation newActivation) {
    return new TrainSettings(newActivation, hidden, epochs, batchSize, lr, seed);
  }

  private static void requirePositive(String field, int value) {
    if (value < 1) {
      throw new InputError(field + " must be at least 1, got " + value);
    }
  }
}
