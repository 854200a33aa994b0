package cifar.cli;

import cifar.UserError;
import cifar.engine.Devices;
import picocli.CommandLine.Option;

/** Where the network runs and on how many threads: shared by train, evaluate and predict. */
final class DeviceOptions {
  @Option(names = "--device", paramLabel = "DEV", defaultValue = "auto",
      description = "Where ${COMMAND-NAME} runs the network: " + Devices.CHOICES + " (default:"
          + " ${DEFAULT-VALUE}; auto = the first GPU DJL sees, else the CPU). A GPU that is not"
          + " there is an error.")
  String device;

  @Option(names = "--threads", paramLabel = "N",
      description = "PyTorch intra-op threads for the whole process, at least 1. Default: one per"
          + " core (train: 1 for batches up to 8, where one is faster).")
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
}
