package cifar.sweep.run;

import cifar.sweep.plan.Placement;
import cifar.training.RunExecutor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Opens the trainer a sweep runs on: loads the data set once and sets up the engine. The sweep
 * command calls it only when there is something to train, so a dry run or a finished sweep
 * never loads data. Tests give a cheap one; the command line gives the CNN trainer.
 */
@FunctionalInterface
public interface TrainerFactory {
  /** The executor for all runs of this process; closed at the end when it is AutoCloseable. */
  RunExecutor open(Settings settings);

  /**
   * The executor of each of the {@code settings.parallel()} workers (worker i trains its runs on
   * element i; elements may repeat). By default all share {@link #open}'s; the CNN trainer puts
   * workers on different GPUs ({@link Placement}). Each distinct one is closed at the end.
   */
  default List<RunExecutor> openWorkers(Settings settings) {
    return Collections.nCopies(Math.max(1, settings.parallel()), open(settings));
  }

  /**
   * Where and how the runs train.
   *
   * @param dataDir CIFAR-10 binary files, or null for the default source
   * @param device auto, cpu, gpu or gpu:N
   * @param gpus {@code --gpus}: the first K GPUs (or all) to spread runs over; null when not given
   * @param threadsPerRun intra-op threads of each run (the cores divided by parallel)
   * @param parallel runs training at the same time in this process
   * @param terminal whether output goes to a terminal
   */
  record Settings(Path dataDir, String device, String gpus, int threadsPerRun, int parallel,
      boolean terminal) {}
}
