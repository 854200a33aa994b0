package cifar.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where CIFAR-10 is: shared by train, evaluate, sweep and the benchmarks (cifar.bench). */
public final class DataDirOption {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:" + Environment.DATA_DIR + "}",
      description = "CIFAR-10 in the official binary layout (DIR/cifar-10-batches-bin/*.bin or the"
          + " .bin files in DIR); nothing is downloaded. Default: $" + Environment.DATA_DIR
          + " when set, else DJL's Cifar10 download, cached.")
  Path dataDir;

  /** The directory given, or $CIFAR_DATA_DIR; null for DJL's download ({@code CifarLoader}). */
  public Path dataDir() {
    return dataDir;
  }
}
