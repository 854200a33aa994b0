package cifar.sweep.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a sweep's runs into the groups of seeds it trains together ({@link SeedGroup}): the
 * repeats of each config, in plan order, in chunks of at most {@link #MAX_MEMBERS}. The cut
 * depends on the plan alone, never on the machine or on what is recorded, so every shard, every
 * rerun and every machine sees the same groups, and a member's stacked digits can be trained
 * again. A search trains every run alone: its trials are one seed each, and ASHA's rungs of a
 * trial continue one another.
 */
public final class SeedGroups {
  /**
   * The most seeds in one group. It bounds what one stacked model holds (memory, and the work a
   * crash loses), and it is fixed here, not asked of the trainer, so that the groups are the same
   * on every machine; a trainer that stacks fewer trains the group's members one at a time.
   */
  public static final int MAX_MEMBERS = 8;

  private SeedGroups() {}

  /** The plan's groups, in plan order of their first members. */
  public static List<SeedGroup> of(SweepPlan plan) {
    if (plan.search() != null) {
      return plan.runs().stream().map(SeedGroup::of).toList();
    }
    Map<String, List<PlannedRun>> byConfig = new LinkedHashMap<>();
    for (PlannedRun r : plan.runs()) {
      byConfig.computeIfAbsent(r.configId(), k -> new ArrayList<>()).add(r);
    }
    List<SeedGroup> groups = new ArrayList<>();
    for (List<PlannedRun> seeds : byConfig.values()) {
      for (int i = 0; i < seeds.size(); i += MAX_MEMBERS) {
        groups.add(new SeedGroup(seeds.subList(i, Math.min(seeds.size(), i + MAX_MEMBERS))));
      }
    }
    return groups;
  }
}
