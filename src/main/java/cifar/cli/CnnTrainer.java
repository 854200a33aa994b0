package cifar.cli;

import cifar.data.CifarLoader;
import cifar.sweep.TrainerFactory;
import cifar.training.CnnRunExecutor;
import cifar.training.ExecutionOptions;
import cifar.training.RunExecutor;
import cifar.training.TrainingProgress;

/**
 * Opens the CNN trainer for a sweep: the data set loaded once for all runs, libtorch's threads
 * set once for the process (the cores divided by the runs in parallel). The sweep prints its own
 * progress line, so the trainer's per-step progress stays quiet.
 */
final class CnnTrainer {
  private CnnTrainer() {}

  static RunExecutor open(TrainerFactory.Settings settings) {
    return new CnnRunExecutor(CifarLoader.load(settings.dataDir()),
        new ExecutionOptions(settings.device(), settings.threadsPerRun(), TrainingProgress.NONE));
  }
}
