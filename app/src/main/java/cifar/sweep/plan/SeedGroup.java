package cifar.sweep.plan;

import cifar.provenance.Provenance;
import cifar.sweep.RunIds;
import java.util.List;

/**
 * Seeds of one config that a sweep trains together, as one stacked model where the trainer can
 * ({@link SeedGroups} cuts them): the unit that shards are dealt, workers take and a resume
 * trains again. A group of one is a run of its own.
 *
 * @param members runs of one config ({@link PlannedRun#configId}), in plan order
 */
public record SeedGroup(List<PlannedRun> members) {
  public SeedGroup {
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a group has at least one run");
    }
  }

  /** A run as a group of its own. */
  public static SeedGroup of(PlannedRun run) {
    return new SeedGroup(List.of(run));
  }

  /** The first member, whose id deals the group to its shard. */
  public PlannedRun first() {
    return members.get(0);
  }

  /** The members' run ids, in order. */
  public List<String> ids() {
    return members.stream().map(PlannedRun::id).toList();
  }

  /**
   * The directory name of the group's checkpoints: from all its member ids, so that a group that
   * changed (more {@code --repeats}) never continues the checkpoints of the smaller one.
   */
  public String key() {
    return "stack-" + RunIds.hash(String.join("\n", ids()));
  }

  /**
   * What {@code run}'s record says about its group; null for a group of one.
   *
   * @param stacked whether the members train together (else {@code run} trains alone)
   */
  public Provenance.Stack provenance(PlannedRun run, boolean stacked) {
    int position = members.indexOf(run);
    if (position < 0) {
      throw new IllegalArgumentException(run.id() + " is not a member of " + key());
    }
    return members.size() == 1 ? null : new Provenance.Stack(key(), ids(), position, stacked);
  }
}
