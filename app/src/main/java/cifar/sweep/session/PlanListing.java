package cifar.sweep.session;

import cifar.config.RunConfig;
import cifar.json.Json;
import cifar.provenance.Provenance;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroup;
import cifar.sweep.plan.SeedGroups;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code sweep --dry-run} prints: every run with its id and its group of seeds, and the
 * count; with {@code --json} the same as one JSON document. The groups are the sweep's own
 * ({@link SweepPlan#groups}), dealt to shards whole, so the listing of a shard is what it trains;
 * whether a group trains stacked is the trainer's answer, which a dry run does not load.
 */
public final class PlanListing {
  /** Raised when a field changes meaning or goes away; adding one keeps it. */
  static final int FORMAT = 1;

  private PlanListing() {}

  /**
   * One run of {@code --dry-run --json}.
   *
   * @param id the run id
   * @param configId the config's id without its seed
   * @param name the entry's name
   * @param seed the seed
   * @param changes what it changes against its file's baseline ("" for the baseline)
   * @param recorded the status of its record, or null when it has none (it would be trained)
   * @param config the full config
   * @param stack its group of seeds and its place there, or null when it is a group of one
   */
  record Run(String id, String configId, String name, long seed, String changes, String recorded,
      RunConfig config, Provenance.Stack stack) {}

  /**
   * The document of {@code --dry-run --json}.
   *
   * @param sweep the sweep's name
   * @param fingerprint the plan's fingerprint
   * @param runsInSweep runs of the whole sweep
   * @param configs configs of the whole sweep
   * @param seeds seeds per config
   * @param shard this shard, e.g. "1/1"
   * @param toTrain runs of this shard without a record
   * @param runs the runs of this shard
   * @param stack whether groups of seeds train stacked where the trainer can (no {@code
   *     --no-stack}); {@code stacked} in each run's {@code stack} says the same
   */
  record Listing(String sweep, String fingerprint, int runsInSweep, long configs, int seeds,
      String shard, long toTrain, List<Run> runs, boolean stack) {}

  /** The listing as JSON: every run of this shard with its full config and its record's status. */
  public static String json(SweepPlan plan, Shard shard, List<PlannedRun> mine,
      MergedRecords recorded, boolean stack) {
    Map<String, Provenance.Stack> groups = groups(plan, shard, stack);
    List<Run> runs = mine.stream().map(r -> {
      RunRecord rec = recorded.records().get(r.id());
      return new Run(r.id(), r.configId(), r.name(), r.seed(), r.changes(),
          rec == null ? null : rec.status().name().toLowerCase(Locale.ROOT), r.config(),
          groups.get(r.id()));
    }).toList();
    return Json.write(new Listing(plan.name(), plan.fingerprint(), plan.runs().size(),
        plan.runs().stream().map(PlannedRun::configId).distinct().count(),
        plan.overrides().repeats(), shard.label(), runs.stream().filter(r -> r.recorded() == null)
            .count(), runs, stack), FORMAT);
  }

  /** Each run of the shard in a group of two or more, with its group and its place there. */
  private static Map<String, Provenance.Stack> groups(SweepPlan plan, Shard shard, boolean stack) {
    Map<String, Provenance.Stack> byRun = new HashMap<>();
    for (SeedGroup g : shard.selectGroups(plan.groups())) {
      for (PlannedRun r : g.members()) {
        Provenance.Stack s = g.provenance(r, stack);
        if (s != null) {
          byRun.put(r.id(), s);
        }
      }
    }
    return byRun;
  }

  /**
   * @param mine the runs of this shard
   * @param recorded the records already in the sweep directory (may be empty)
   */
  public static String render(SweepPlan plan, Shard shard, List<PlannedRun> mine,
      MergedRecords recorded, boolean stack) {
    int nameWidth = Math.max(4, mine.stream().mapToInt(r -> r.name().length()).max().orElse(4));
    Map<String, Provenance.Stack> groups = groups(plan, shard, stack);
    int groupWidth = groups.values().stream().mapToInt(g -> place(g).length()).max().orElse(1);
    StringBuilder s = new StringBuilder();
    String fmt = "%-12s  %-" + nameWidth + "s  %4s  %-" + Math.max(5, groupWidth)
        + "s  %-9s  %s%n";
    s.append(String.format(Locale.ROOT, fmt, "id", "name", "seed", "stack", "recorded", "changes"));
    int todo = 0;
    for (PlannedRun r : mine) {
      RunRecord rec = recorded.records().get(r.id());
      String state = rec == null ? "-" : rec.status().name().toLowerCase(Locale.ROOT);
      todo += rec == null ? 1 : 0;
      Provenance.Stack g = groups.get(r.id());
      s.append(String.format(Locale.ROOT, fmt, r.id(), r.name(), r.seed(),
          g == null ? "-" : place(g), state, r.changes().isEmpty() ? "(baseline)" : r.changes()));
    }
    long configs = plan.runs().stream().map(PlannedRun::configId).distinct().count();
    s.append(String.format(Locale.ROOT, "%d runs in sweep '%s' (%d configs × %d seed%s)",
        plan.runs().size(), plan.name(), configs, plan.overrides().repeats(),
        plan.overrides().repeats() == 1 ? "" : "s"));
    if (shard.count() > 1) {
      s.append(String.format(Locale.ROOT, "; shard %s (%s) has %d", shard.label(), shard.source(), mine.size()));
    }
    s.append(String.format(Locale.ROOT, "; %d without a record would be trained.%n", todo));
    s.append(stacking(groups, recorded, stack));
    return s.toString();
  }

  /** "stack-0123456789ab 2/3": the group and the run's place in it, counted from 1. */
  private static String place(Provenance.Stack g) {
    return g.key() + " " + (g.position() + 1) + "/" + g.members().size();
  }

  /** What the listing's groups mean for training, or nothing when every group is one run. */
  private static String stacking(Map<String, Provenance.Stack> groups, MergedRecords recorded,
      boolean stack) {
    List<Provenance.Stack> distinct = groups.values().stream()
        .collect(Collectors.toMap(Provenance.Stack::key, g -> g, (a, b) -> a)).values().stream()
        .toList();
    if (distinct.isEmpty()) {
      return "";
    }
    String head = String.format(Locale.ROOT, "%d group%s of seeds (at most %d each), dealt to"
        + " shards whole", distinct.size(), distinct.size() == 1 ? "" : "s", SeedGroups.MAX_MEMBERS);
    if (!stack) {
      return head + "; --no-stack trains every run alone.\n";
    }
    // a group with a run to do trains whole: its recorded members train again, their records kept
    long again = distinct.stream().filter(g -> g.members().stream()
        .anyMatch(id -> !recorded.records().containsKey(id)))
        .flatMap(g -> g.members().stream()).filter(id -> recorded.records().containsKey(id))
        .count();
    return head + ": each trains as one stack where the trainer can (else one run at a time)"
        + (again == 0 ? "" : String.format(Locale.ROOT, "; stacked, %d recorded run%s would train"
            + " again with %s group, %s record kept", again, again == 1 ? "" : "s",
            again == 1 ? "its" : "their", again == 1 ? "its" : "their records"))
        + ".\n";
  }
}
