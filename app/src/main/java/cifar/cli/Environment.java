package cifar.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The environment variables that set, per machine, the defaults people would otherwise type on
 * every command: where the data is, which device to use, where runs go. An option on the command
 * line always wins; each option's help names its variable.
 */
final class Environment {
  /** Default for {@code --data-dir}. */
  static final String DATA_DIR = "CIFAR_DATA_DIR";
  /** Default for {@code --device}. */
  static final String DEVICE = "CIFAR_DEVICE";
  /** Where runs go by default, instead of runs/: train-<date>-<time>/, <sweep name>/. */
  static final String RUNS_DIR = "CIFAR_RUNS_DIR";

  private Environment() {}

  /** The directory default run and sweep directories go into: $CIFAR_RUNS_DIR, else runs. */
  static Path runsDir(Map<String, String> env) {
    String dir = env.get(RUNS_DIR);
    return Path.of(dir == null || dir.isBlank() ? "runs" : dir);
  }
}
