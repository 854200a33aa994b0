package cifar.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import cifar.UserError;
import cifar.config.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stacked group's checkpoint holds besides its tensors (the stacked parameters, then
 * their momentum states, written by {@link Checkpoints} in its format and its atomic way): each
 * member's own {@link Checkpoints.State} (its config, its good epochs' metrics, its shuffle and
 * dropout generators' positions, its last evaluation) and why each diverged member stopped.
 *
 * @param epoch the group's last finished epoch
 * @param members each member's state, in member order
 * @param errors each member's divergence message, null while it trains on
 */
record StackedCheckpoint(int epoch, List<Checkpoints.State> members, List<String> errors) {
  StackedCheckpoint {
    members = List.copyOf(members);
    errors = new ArrayList<>(errors); // nulls allowed: List.copyOf refuses them
  }

  /** Writes the group's checkpoint of {@code epoch}, removing older ones. */
  void write(Checkpoints files, NDList tensors) {
    files.write(epoch, this, tensors);
  }

  /**
   * The newest checkpoint of the group of {@code configs}, if any.
   *
   * @throws UserError when it is of another group (members, or their configs but for the epoch
   *     count), past the epochs asked for, or damaged
   */
  static Optional<Checkpoints.Read<StackedCheckpoint>> latest(Checkpoints files,
      List<RunConfig> configs, NDManager manager) {
    return files.latest(StackedCheckpoint.class, (json, saved) -> check(json, saved, configs),
        manager);
  }

  private static void check(Path json, StackedCheckpoint saved, List<RunConfig> configs) {
    List<RunConfig> were = saved.members().stream().map(Checkpoints.State::config).toList();
    boolean same = were.size() == configs.size();
    for (int i = 0; same && i < were.size(); i++) {
      same = Checkpoints.sameRun(configs.get(i), were.get(i));
    }
    if (!same) {
      throw new UserError(json + ": a checkpoint of another group of runs ("
          + were.stream().map(RunConfig::toMap).toList() + "), not of "
          + configs.stream().map(RunConfig::toMap).toList());
    }
    if (saved.epoch() > configs.get(0).epochs()) {
      throw new UserError(json + ": a checkpoint after epoch " + saved.epoch() + " of runs asked"
          + " for " + configs.get(0).epochs() + " epochs; they cannot be trained back");
    }
  }
}
