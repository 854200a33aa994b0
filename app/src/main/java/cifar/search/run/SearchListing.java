package cifar.search.run;

import cifar.search.Method;
import cifar.search.Search;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.training.RunEstimator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code sweep --dry-run} prints for a search: the space, the rungs, every trial drawn with
 * its id and values, and what the search will spend against the study's grid.
 */
public final class SearchListing {
  private SearchListing() {}

  /**
   * @param shard this process's shard: its trials are marked
   * @param recorded the records already in the sweep directory (may be empty)
   * @param estimator the trainer's, which estimates the budget
   */
  public static String render(SweepPlan plan, Shard shard, MergedRecords recorded,
      RunEstimator estimator) {
    Search s = plan.search();
    List<Trial> trials = Trial.of(plan);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "search '%s': %s over %d trials (seed %d), ranked on the"
        + " last %,d training images, held out%n", plan.name(), s.method().word(), trials.size(),
        s.seed(), s.validation()));
    int keyWidth = s.space().keySet().stream().mapToInt(String::length).max().orElse(4);
    for (Map.Entry<String, String> e : s.space().entrySet()) {
      out.append(String.format(Locale.ROOT, "  %-" + keyWidth + "s  %s%n", e.getKey(), e.getValue()));
    }
    List<Integer> rungs = s.rungs();
    out.append(s.method() == Method.ASHA
        ? String.format(Locale.ROOT, "rungs: %s epochs; each rung promotes its top 1/%d%n",
            rungs, s.reductionFactor())
        : String.format(Locale.ROOT, "every trial trains %d epochs%n", s.maxEpochs()));
    List<String> mine = plan.shard(shard).stream().map(PlannedRun::checkpointKey).toList();
    String fmt = "%-" + Math.max(5, trials.get(0).name().length()) + "s  %-12s  %-9s  %s%n";
    out.append(String.format(Locale.ROOT, fmt, "trial", "id", "recorded", "changes"));
    for (Trial t : trials) {
      if (mine.contains(t.id())) {
        out.append(String.format(Locale.ROOT, fmt, t.name(), t.id(), reached(t, recorded),
            t.changes()));
      }
    }
    if (shard.count() > 1) {
      out.append(String.format(Locale.ROOT, "shard %s (%s) has %d of the %d trials%s%n",
          shard.label(), shard.source(), mine.stream().distinct().count(), trials.size(),
          s.method() == Method.ASHA ? "; under ASHA each shard is a search of its own trials" : ""));
    }
    out.append("budget: ").append(s.method() == Method.ASHA ? "about " : "")
        .append(Budget.planned(s, trials, estimator).describe());
    if (s.method() == Method.ASHA) {
      out.append("; every trial to ").append(s.maxEpochs()).append(" epochs would be ")
          .append(Budget.everyTrialToTheEnd(trials, estimator).describe());
    }
    out.append(String.format(Locale.ROOT, "%nthe study's one-factor sweep (%s), one seed: %s%n",
        Budget.STUDY, Budget.study(estimator).describe()));
    return out.toString();
  }

  /** The epochs of the trial's highest recorded rung, or "-". */
  private static String reached(Trial t, MergedRecords recorded) {
    String reached = "-";
    for (PlannedRun r : t.rungs()) {
      RunRecord rec = recorded.records().get(r.id());
      if (rec != null) {
        reached = rec.status().word() + " " + r.config().epochs() + "ep";
      }
    }
    return reached;
  }
}
