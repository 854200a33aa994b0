package cifar.sweep;

import java.util.List;
import java.util.Locale;

/** What {@code sweep --dry-run} prints: every run with its id, and the count. */
public final class PlanListing {
  private PlanListing() {}

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
