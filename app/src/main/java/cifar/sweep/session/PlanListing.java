package cifar.sweep.session;

import cifar.config.RunConfig;
import cifar.json.Json;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import java.util.List;
import java.util.Locale;

/**
 * What {@code sweep --dry-run} prints: every run with its id, and the count; with {@code --json}
 * the same as one JSON document.
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
   */
  record Run(String id, String configId, String name, long seed, String changes, String recorded,
      RunConfig config) {}

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
   */
  record Listing(String sweep, String fingerprint, int runsInSweep, long configs, int seeds,
      String shard, long toTrain, List<Run> runs) {}

  /** The listing as JSON: every run of this shard with its full config and its record's status. */
  public static String json(SweepPlan plan, Shard shard, List<PlannedRun> mine,
      MergedRecords recorded) {
    List<Run> runs = mine.stream().map(r -> {
      RunRecord rec = recorded.records().get(r.id());
      return new Run(r.id(), r.configId(), r.name(), r.seed(), r.changes(),
          rec == null ? null : rec.status().name().toLowerCase(Locale.ROOT), r.config());
    }).toList();
    return Json.write(new Listing(plan.name(), plan.fingerprint(), plan.runs().size(),
        plan.runs().stream().map(PlannedRun::configId).distinct().count(),
        plan.overrides().repeats(), shard.label(), runs.stream().filter(r -> r.recorded() == null)
            .count(), runs), FORMAT);
  }

  /**
   * @param mine the runs of this shard
   * @param recorded the records already in the sweep directory (may be empty)
   */
  public static String render(SweepPlan plan, Shard shard, List<PlannedRun> mine, MergedRecords recorded) {
    int nameWidth = Math.max(4, mine.stream().mapToInt(r -> r.name().length()).max().orElse(4));
    StringBuilder s = new StringBuilder();
    String fmt = "%-12s  %-" + nameWidth + "s  %4s  %-9s  %s%n";
    s.append(String.format(Locale.ROOT, fmt, "id", "name", "seed", "recorded", "changes"));
    int todo = 0;
    for (PlannedRun r : mine) {
      RunRecord rec = recorded.records().get(r.id());
      String state = rec == null ? "-" : rec.status().name().toLowerCase(Locale.ROOT);
      todo += rec == null ? 1 : 0;
      s.append(String.format(Locale.ROOT, fmt, r.id(), r.name(), r.seed(), state,
          r.changes().isEmpty() ? "(baseline)" : r.changes()));
    }
    long configs = plan.runs().stream().map(PlannedRun::configId).distinct().count();
    s.append(String.format(Locale.ROOT, "%d runs in sweep '%s' (%d configs × %d seed%s)",
        plan.runs().size(), plan.name(), configs, plan.overrides().repeats(),
        plan.overrides().repeats() == 1 ? "" : "s"));
    if (shard.count() > 1) {
      s.append(String.format(Locale.ROOT, "; shard %s (%s) has %d", shard.label(), shard.source(), mine.size()));
    }
    s.append(String.format(Locale.ROOT, "; %d without a record would be trained.%n", todo));
    return s.toString();
  }
}
