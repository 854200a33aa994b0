package cifar.cli;

import cifar.vugrad.nn.Activation;
import cifar.vugrad.train.TrainSettings;
import picocli.CommandLine.Option;

/** The training hyperparameters shared by {@code vugrad train} and {@code vugrad compare}. */
final class VugradTrainOptions {
  @Option(
      names = "--hidden", paramLabel = "N",
      defaultValue = "8",
      description = "Hidden units of the MLP (default: ${DEFAULT-VALUE}, vugrad's 4 × 2 features).")
  int hidden;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "20", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size", paramLabel = "B",
      defaultValue = "128",
      description = "Instances per gradient step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr", paramLabel = "LR",
      defaultValue = "0.01",
      description = "Learning rate of plain SGD on the summed loss (default: ${DEFAULT-VALUE}; vugrad suggests 0.0001 for MNIST).")
  double lr;

  @Option(
      names = "--seed", paramLabel = "S",
      defaultValue = "1",
      description = "Seed for the synthetic data and the initial weights (default: ${DEFAULT-VALUE}).")
  long seed;

  TrainSettings settings(Activation activation) {
    return new TrainSettings(activation, hidden, epochs, batchSize, lr, seed);
  }
}
