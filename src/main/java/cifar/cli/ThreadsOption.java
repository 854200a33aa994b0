package cifar.cli;

import cifar.UserError;
import picocli.CommandLine.Option;

/** libtorch's threads for commands that only run the network forward (evaluate, predict). */
final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "N",
      description = "PyTorch intra-op threads for the whole process, at least 1 (default: one per"
          + " core).")
  Integer threads;

  /**
   * {@code --threads}, checked to be at least 1; 0 when it was not given, which
   * {@link cifar.engine.Threads} reads as "libtorch's default" (an explicit 0 used to slip
   * through as that default too, while the user meant something else).
   */
  int threads() {
    return checked(threads);
  }

  /** As {@link #threads()}, for a command that declares its own {@code --threads}. */
  static int checked(Integer threads) {
    UserError.requireAtLeastIfGiven("--threads", threads, 1);
    return threads == null ? 0 : threads;
  }
}
