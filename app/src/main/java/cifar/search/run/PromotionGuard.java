package cifar.search.run;

import cifar.config.RunConfig;
import cifar.provenance.Provenance;
import cifar.training.Checkpoints;
import cifar.training.RunExecutor;
import cifar.training.RunFiles;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.util.List;

/**
 * Makes sure an ASHA promotion continues its trial: a trial promoted to rung k + 1 must find its
 * checkpoint of rung k (or later), and is otherwise recorded as failed, naming the checkpoint,
 * instead of training from its first epoch. Training it again from scratch would spend the
 * epochs that successive halving saves, and would hide a lost checkpoint.
 */
final class PromotionGuard implements RunExecutor {
  private final RunExecutor inner;
  private final List<Integer> rungs;

  /**
   * @param rungs the epochs of each rung
   */
  PromotionGuard(RunExecutor inner, List<Integer> rungs) {
    this.inner = inner;
    this.rungs = List.copyOf(rungs);
  }

  @Override
  public RunResult execute(RunConfig config, EpochListener progress, RunFiles files) {
    int rung = rungs.indexOf(config.epochs());
    int before = rung > 0 ? rungs.get(rung - 1) : 0;
    Checkpoints checkpoints = new Checkpoints(files.checkpoints());
    if (before > 0 && checkpoints.lastEpoch() < before) {
      return new RunResult(config, RunStatus.FAILED, List.of(), Double.NaN, List.of(), List.of(), 0,
          "promoted to " + config.epochs() + " epochs, but " + checkpoints.dir() + " has no"
              + " checkpoint of epoch " + before + " or later to continue from (latest: "
              + checkpoints.lastEpoch() + "); a promotion never trains from scratch");
    }
    return inner.execute(config, progress, files);
  }

  @Override
  public Provenance.Engine engine() {
    return inner.engine();
  }
}
