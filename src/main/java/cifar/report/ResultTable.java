package cifar.report;

import cifar.sweep.MergedRecords;
import cifar.sweep.PlannedRun;
import cifar.sweep.RunRecord;
import cifar.training.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Groups a sweep's records by config (all seeds of a config together) into table rows, in the
 * order of the sweep file.
 *
 * <p>A diverged run counts with the test accuracy of its last good epoch (what that learning
 * rate achieved); a failed run does not count, and its status says so.
 */
public final class ResultTable {
  private ResultTable() {}

  public static List<ResultRow> rows(MergedRecords merged) {
    Map<String, List<PlannedRun>> groups = new LinkedHashMap<>();
    for (PlannedRun p : merged.sweep().plan().runs()) {
      groups.computeIfAbsent(p.configId(), k -> new ArrayList<>()).add(p);
    }
    Map<String, Double> means = new LinkedHashMap<>();
    List<List<RunRecord>> recordsOf = new ArrayList<>();
    for (List<PlannedRun> runs : groups.values()) {
      List<RunRecord> recs = runs.stream().map(r -> merged.records().get(r.id()))
          .filter(Objects::nonNull).toList();
      recordsOf.add(recs);
      means.put(runs.get(0).configId(), Stats.mean(accuracies(recs)));
    }
    List<ResultRow> rows = new ArrayList<>();
    int i = 0;
    for (List<PlannedRun> runs : groups.values()) {
      PlannedRun first = runs.get(0);
      List<RunRecord> recs = recordsOf.get(i++);
      List<Double> acc = accuracies(recs);
      double mean = Stats.mean(acc);
      double baseline = means.getOrDefault(first.baselineConfigId(), Double.NaN);
      double reference = first.reference() == null ? Double.NaN : first.reference();
      List<RunRecord> finished = recs.stream().filter(RunRecord::finished).toList();
      rows.add(new ResultRow(first.name(), first.changes(), first.configId(),
          first.configId().equals(first.baselineConfigId()), runs.size(), acc.size(), mean,
          Stats.std(acc), mean - baseline, mean - reference, first.reported(),
          first.config().epochs(),
          Stats.mean(finite(finished.stream().map(RunRecord::imagesPerSecond).toList())),
          Stats.mean(finite(finished.stream().map(RunRecord::wallSeconds).toList())),
          status(runs.size(), recs), perEpoch(finished, first.config().epochs())));
    }
    return rows;
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
      out.add(Stats.mean(finite(recs.stream().filter(r -> r.epochs().size() > epoch)
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
