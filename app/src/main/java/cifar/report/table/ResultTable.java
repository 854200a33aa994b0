package cifar.report.table;

import cifar.report.stats.Comparison;
import cifar.report.stats.Holm;
import cifar.report.stats.Summary;
import cifar.report.stats.Verdict;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.training.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Groups a sweep's records by config (all seeds of a config together) into table rows, in the
 * order of the sweep file, and compares every config with its file's baseline config: Welch's
 * t-test, Holm's correction over all those comparisons of the table, and the verdict on the
 * study's finding.
 *
 * <p>A diverged run counts with the test accuracy of its last good epoch (what that learning
 * rate achieved); a failed run does not count, and its status says so.
 */
public final class ResultTable {
  private static final Summary NOTHING = Summary.of(List.of());

  private ResultTable() {}

  public static List<ResultRow> rows(MergedRecords merged) {
    Map<String, List<PlannedRun>> groups = new LinkedHashMap<>();
    for (PlannedRun p : merged.sweep().plan().runs()) {
      groups.computeIfAbsent(p.configId(), k -> new ArrayList<>()).add(p);
    }
    Map<String, List<RunRecord>> recordsOf = new LinkedHashMap<>();
    Map<String, Summary> summaries = new LinkedHashMap<>();
    groups.forEach((configId, runs) -> {
      List<RunRecord> recs = runs.stream().map(r -> merged.records().get(r.id()))
          .filter(Objects::nonNull).toList();
      recordsOf.put(configId, recs);
      summaries.put(configId, Summary.of(accuracies(recs)));
    });
    List<PlannedRun> firsts = groups.values().stream().map(runs -> runs.get(0)).toList();
    List<Comparison> comparisons = firsts.stream().map(f -> isBaseline(f) ? Comparison.NONE
        : Comparison.of(summaries.get(f.configId()), baselineOf(f, summaries))).toList();
    double[] holm = Holm.adjust(comparisons.stream().mapToDouble(Comparison::p).toArray());

    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < firsts.size(); i++) {
      PlannedRun first = firsts.get(i);
      int planned = groups.get(first.configId()).size();
      List<RunRecord> recs = recordsOf.get(first.configId());
      Summary s = summaries.get(first.configId());
      Summary base = baselineOf(first, summaries);
      Comparison c = comparisons.get(i);
      Verdict verdict = isBaseline(first) ? null
          : Verdict.of(studyDiff(first), s.n(), base.n(), c.diff(), holm[i]);
      List<RunRecord> finished = recs.stream().filter(RunRecord::finished).toList();
      rows.add(new ResultRow(first.name(), first.changes(), first.configId(), isBaseline(first),
          planned, s.n(), s.mean(), s.std(), s.ciLow(), s.ciHigh(),
          s.mean() - base.mean(), c.ciLow(), c.ciHigh(), c.p(), holm[i],
          s.mean() - orNaN(first.reference()), first.reported(), verdict,
          first.config().epochs(),
          mean(finite(finished.stream().map(RunRecord::imagesPerSecond).toList())),
          mean(finite(finished.stream().map(RunRecord::wallSeconds).toList())),
          status(planned, recs), perEpoch(finished, first.config().epochs())));
    }
    return rows;
  }

  private static boolean isBaseline(PlannedRun run) {
    return run.configId().equals(run.baselineConfigId());
  }

  private static Summary baselineOf(PlannedRun run, Map<String, Summary> summaries) {
    return summaries.getOrDefault(run.baselineConfigId(), NOTHING);
  }

  /** The change the study reported for this config: its accuracy minus its reference. */
  private static double studyDiff(PlannedRun run) {
    return orNaN(run.reported()) - orNaN(run.reference());
  }

  private static double orNaN(Double x) {
    return x == null ? Double.NaN : x;
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static List<Double> accuracies(List<RunRecord> recs) {
    return finite(recs.stream().filter(RunRecord::finished).map(RunRecord::testAccuracy).toList());
  }

  private static List<Double> finite(List<Double> xs) {
    return xs.stream().filter(Double::isFinite).toList();
  }

  /** Mean test accuracy after each epoch over the runs that got that far. */
  private static List<Double> perEpoch(List<RunRecord> recs, int epochs) {
    List<Double> out = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      int epoch = e;
      out.add(mean(finite(recs.stream().filter(r -> r.epochs().size() > epoch)
          .map(r -> r.epochs().get(epoch).testAccuracy()).toList())));
    }
    return out;
  }

  /** "ok" when every planned run is ok, else the counts of each status and of missing runs. */
  static String status(int planned, List<RunRecord> recs) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (RunStatus s : RunStatus.values()) {
      int c = (int) recs.stream().filter(r -> r.status() == s).count();
      if (c > 0) {
        counts.put(s.name().toLowerCase(Locale.ROOT), c);
      }
    }
    if (planned > recs.size()) {
      counts.put("missing", planned - recs.size());
    }
    if (counts.size() == 1 && counts.containsKey("ok")) {
      return "ok";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }
}
