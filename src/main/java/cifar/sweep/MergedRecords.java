package cifar.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of one sweep gathered from one or more sweep directories (the shared directory of
 * a cluster run, or copies made on separate machines): records of another sweep definition are
 * refused, duplicates of one run are kept once, and runs without a record are listed.
 *
 * @param sweep the sweep the records are merged into
 * @param records the accepted records by run id, in plan order
 * @param refused "file: reason" for every record file that was not accepted
 * @param duplicates how many extra copies of an already accepted run were dropped
 * @param outdated records of runs that an earlier definition had and this one does not
 * @param missing planned runs without a record
 */
public record MergedRecords(
    StoredSweep sweep,
    Map<String, RunRecord> records,
    List<String> refused,
    int duplicates,
    int outdated,
    List<PlannedRun> missing) {

  /** Reads every record file of the given sweep directories into the sweep's plan. */
  public static MergedRecords merge(StoredSweep sweep, List<Path> dirs) {
    Set<String> accepted = sweep.acceptedFingerprints();
    Map<String, PlannedRun> planned = new LinkedHashMap<>();
    sweep.plan().runs().forEach(r -> planned.put(r.id(), r));
    Map<String, RunRecord> found = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();
    int duplicates = 0;
    int outdated = 0;
    for (Path dir : dirs) {
      for (Path file : SweepStore.recordFiles(dir)) {
        RunRecord r;
        try {
          r = SweepStore.readRecord(file);
        } catch (IOException | RuntimeException e) {
          refused.add(file + ": " + e.getMessage());
          continue;
        }
        String problem = problem(file, r, accepted, sweep.plan());
        if (problem != null) {
          refused.add(file + ": " + problem);
        } else if (!planned.containsKey(r.id())) {
          outdated++;
        } else if (found.containsKey(r.id())) {
          duplicates++;
          found.put(r.id(), better(found.get(r.id()), r));
        } else {
          found.put(r.id(), r);
        }
      }
    }
    Map<String, RunRecord> inPlanOrder = new LinkedHashMap<>();
    List<PlannedRun> missing = new ArrayList<>();
    for (PlannedRun p : planned.values()) {
      if (found.containsKey(p.id())) {
        inPlanOrder.put(p.id(), found.get(p.id()));
      } else {
        missing.add(p);
      }
    }
    return new MergedRecords(sweep, inPlanOrder, refused, duplicates, outdated, missing);
  }

  private static String problem(Path file, RunRecord r, Set<String> accepted, SweepPlan plan) {
    if (!file.getFileName().toString().equals(r.id() + ".json")) {
      return "its file name does not match its run id " + r.id();
    }
    if (!RunIds.runId(r.config()).equals(r.id())) {
      return "its run id does not match its config (was it edited?)";
    }
    if (!accepted.contains(r.fingerprint())) {
      return "from a different sweep definition (sweep '" + r.sweep() + "', fingerprint "
          + r.fingerprint() + "; this sweep '" + plan.name() + "' is " + plan.fingerprint() + ")";
    }
    return null;
  }

  /** Of two records of one run: a finished one over a failed one, then the newer. */
  private static RunRecord better(RunRecord a, RunRecord b) {
    Comparator<RunRecord> order = Comparator.comparing(RunRecord::finished)
        .thenComparing(r -> r.provenance().finishedAt(),
            Comparator.nullsFirst(Comparator.naturalOrder()));
    return order.compare(a, b) >= 0 ? a : b;
  }
}
