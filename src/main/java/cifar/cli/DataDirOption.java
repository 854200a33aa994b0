package cifar.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where CIFAR-10 is: shared by train, evaluate and sweep. */
final class DataDirOption {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:" + Environment.DATA_DIR + "}",
      description = "CIFAR-10 in the official binary layout (DIR/cifar-10-batches-bin/*.bin or the"
          + " .bin files in DIR); nothing is downloaded. Default: $" + Environment.DATA_DIR
          + " when set, else DJL's Cifar10 download, cached.")
  Path dataDir;
}
