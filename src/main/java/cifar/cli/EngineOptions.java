package cifar.cli;

import cifar.UserError;
import cifar.engine.Devices;
import cifar.training.ExecutionOptions;
import cifar.training.TrainingProgress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data comes from and where runs execute: shared by train and evaluate. */
final class EngineOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "CIFAR-10 in the official binary layout (DIR/cifar-10-batches-bin/*.bin or the "
          + ".bin files in DIR); nothing is downloaded. Default: DJL's Cifar10 download, cached.")
  Path dataDir;

  @Option(names = "--device", defaultValue = "auto",
      description = "Where to train: " + Devices.CHOICES + " (default: ${DEFAULT-VALUE}; auto = "
          + "the first GPU DJL sees, else the CPU). A GPU that is not there is an error.")
  String device;

  @Option(names = "--gpus", paramLabel = "K",
      description = "Train data-parallel on the first K GPUs (or all), gpu:0..K-1: each batch is split"
          + " between them and the step equals one device's with the same batch and learning rate."
          + " evaluate uses the first of them. Only with --device auto or gpu.")
  String gpus;

  @Option(names = "--threads", paramLabel = "N",
      description = "PyTorch intra-op threads for the whole process, at least 1. Default for train:"
          + " 1 for batches up to 8 (faster there), else one per core; for evaluate: one per core.")
  Integer threads;

  /**
   * {@code --threads}, checked to be at least 1; 0 when it was not given, which
   * {@link cifar.engine.Threads} reads as "libtorch's default" (an explicit 0 used to slip
   * through as that default too, while the user meant something else).
   */
  int threads() {
    UserError.requireAtLeastIfGiven("--threads", threads, 1);
    return threads == null ? 0 : threads;
  }

  ExecutionOptions execution(int threadCount, TrainingProgress progress) {
    return new ExecutionOptions(device, gpus, threadCount, progress);
  }
}
