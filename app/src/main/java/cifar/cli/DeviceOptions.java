package cifar.cli;

import cifar.engine.Devices;
import picocli.CommandLine.Option;

/** Where the network runs: shared by train, evaluate, predict and sweep. */
final class DeviceOptions {
  @Option(names = "--device", paramLabel = "DEV",
      defaultValue = "${env:" + Environment.DEVICE + ":-auto}",
      description = "Where ${COMMAND-NAME} runs the network: " + Devices.CHOICES + ". Default: $"
          + Environment.DEVICE + " when set, else auto (the first GPU DJL sees, else the CPU;"
          + " a sweep spreads its parallel runs over all the GPUs)."
          + " A GPU that is not there is an error.")
  String device;
}
