package cifar.cli;

import cifar.vugrad.data.Dataset;
import cifar.vugrad.data.Mnist;
import cifar.vugrad.data.Synth;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which data a vugrad command trains on: the synthetic task or MNIST. */
final class VugradDataOptions {
  enum Kind {
    synth,
    mnist
  }

  @Option(
      names = "--dataset", paramLabel = "NAME",
      defaultValue = "synth",
      description = "Data to train on: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Kind dataset;

  @Option(
      names = "--data-dir", paramLabel = "DIR",
      defaultValue = "data/mnist",
      description = "Directory with the four MNIST IDX files, plain or .gz (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--download",
      description = "Download missing MNIST files into --data-dir, checking their MD5 sums.")
  boolean download;

  @Option(
      names = "--mirror", paramLabel = "URL",
      defaultValue = Mnist.DEFAULT_MIRROR,
      description = "Base URL that serves the MNIST .gz files (default: ${DEFAULT-VALUE}).")
  String mirror;

  @Option(
      names = "--final",
      description = "Validate on the MNIST test set instead of the last 5,000 training images.")
  boolean finalRun;

  /** The data for one seed: the synthetic task is drawn anew per seed, MNIST is fixed. */
  Dataset load(long seed) {
    return dataset == Kind.synth
        ? Synth.load(seed)
        : new Mnist(dataDir, mirror, download).load(finalRun);
  }
}
