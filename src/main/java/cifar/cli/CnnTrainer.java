package cifar.cli;

import cifar.UserError;
import cifar.sweep.TrainerFactory;
import cifar.training.RunExecutor;

/** Opens the CNN trainer for a sweep: data loaded once, engine threads set once. */
final class CnnTrainer {
  private CnnTrainer() {}

  static RunExecutor open(TrainerFactory.Settings settings) {
    // Wired to cifar.training.CnnRunExecutor when the train branch is merged.
    throw new UserError("this build has no CNN trainer yet (branch 'train' is not merged)");
  }
}
