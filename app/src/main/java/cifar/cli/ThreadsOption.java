package cifar.cli;

import cifar.UserError;
import picocli.CommandLine.Option;

/**
 * libtorch's intra-op threads for the whole process: shared by train, evaluate, predict, info
 * and the benchmark that trains as train does (cifar.bench). A sweep divides cores between runs
 * instead ({@code sweep --cores}).
 */
public final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "N",
      description = "PyTorch intra-op threads for the whole process, at least 1. Default: one per"
          + " core, but train takes 1 for batches up to 8 (a step that small is faster on one).")
  Integer threads;

  /**
   * {@code --threads}, checked to be at least 1; 0 when it was not given, which
   * {@link cifar.engine.Threads} reads as "libtorch's default" (an explicit 0 used to slip
   * through as that default too, while the user meant something else).
   */
  public int threads() {
    UserError.requireAtLeastIfGiven("--threads", threads, 1);
    return threads == null ? 0 : threads;
  }
}
