package cifar.cli;

import cifar.training.ExecutionOptions;
import cifar.training.TrainingProgress;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the data comes from and where runs execute: shared by train and evaluate. */
final class EngineOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "CIFAR-10 in the official binary layout (DIR/cifar-10-batches-bin/*.bin or the "
          + ".bin files in DIR); nothing is downloaded. Default: DJL's Cifar10 download, cached.")
  Path dataDir;

  @Mixin DeviceOptions devices;

  @Option(names = "--gpus", paramLabel = "K",
      description = "Train data-parallel on the first K GPUs (or all), gpu:0..K-1: each batch is split"
          + " between them and the step equals one device's with the same batch and learning rate."
          + " evaluate uses the first of them. Only with --device auto or gpu.")
  String gpus;

  int threads() {
    return devices.threads();
  }

  String device() {
    return devices.device;
  }

  ExecutionOptions execution(int threadCount, TrainingProgress progress) {
    return new ExecutionOptions(devices.device, gpus, threadCount, progress);
  }
}
