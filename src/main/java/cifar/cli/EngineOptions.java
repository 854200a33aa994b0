package cifar.cli;

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

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "PyTorch intra-op threads for the whole process. Default for train: 1 for batches"
          + " up to 8 (faster there), else one per core.")
  int threads;

  ExecutionOptions execution(TrainingProgress progress) {
    return new ExecutionOptions(device, gpus, threads, progress);
  }
}
