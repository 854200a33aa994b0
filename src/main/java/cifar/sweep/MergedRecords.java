package cifar.sweep;

import java.io.IOException;
import java.nio.file.Files;
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
 * A directory without a {@code records/} folder (a published report) is read from its
 * {@link ReportedRecords records.json}.
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

  /**
   * Reads every record file of the given sweep directories into the sweep's plan. A directory
   * without a {@code records/} folder is read from its records.json (a published report).
   */
  public static MergedRecords merge(StoredSweep sweep, List<Path> dirs) {
    Collector c = new Collector(sweep);
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir.resolve(SweepStore.RECORDS))
          && Files.isRegularFile(ReportedRecords.in(dir))) {
        c.addReported(ReportedRecords.in(dir));
      }
      for (Path file : SweepStore.recordFiles(dir)) {
        c.addFile(file);
      }
    }
    return c.result();
  }

  /** The records found so far, and what was wrong with the others. */
  private static final class Collector {
    private final StoredSweep sweep;
    private final Set<String> accepted;
    private final Map<String, PlannedRun> planned = new LinkedHashMap<>();
    private final Map<String, RunRecord> found = new LinkedHashMap<>();
    private final List<String> refused = new ArrayList<>();
    private int duplicates;
    private int outdated;

    Collector(StoredSweep sweep) {
      this.sweep = sweep;
      this.accepted = sweep.acceptedFingerprints();
      sweep.plan().runs().forEach(r -> planned.put(r.id(), r));
    }

    void addFile(Path file) {
      RunRecord r;
      try {
        r = SweepStore.readRecord(file);
      } catch (IOException | RuntimeException e) {
        refused.add(file + ": " + e.getMessage());
        return;
      }
      String name = file.getFileName().toString();
      add(file.toString(), r, name.equals(r.id() + ".json") ? null
          : "its file name does not match its run id " + r.id());
    }

    void addReported(Path file) {
      List<String> entries;
      try {
        entries = ReportedRecords.entries(file);
      } catch (RuntimeException e) {
        refused.add(file + ": " + e.getMessage());
        return;
      }
      for (int i = 0; i < entries.size(); i++) {
        String label = file + " entry " + (i + 1);
        try {
          add(label, RecordJson.read(entries.get(i)), null);
        } catch (RuntimeException e) {
          refused.add(label + ": not a run record (" + e.getMessage() + ")");
        }
      }
    }

    private void add(String source, RunRecord r, String problem) {
      if (problem == null) {
        problem = problem(r);
      }
      if (problem != null) {
        refused.add(source + ": " + problem);
      } else if (!planned.containsKey(r.id())) {
        outdated++;
      } else if (found.containsKey(r.id())) {
        duplicates++;
        found.put(r.id(), better(found.get(r.id()), r));
      } else {
        found.put(r.id(), r);
      }
    }

    private String problem(RunRecord r) {
      if (!RunIds.runId(r.config()).equals(r.id())) {
        return "its run id does not match its config (was it edited?)";
      }
      SweepPlan plan = sweep.plan();
      if (!accepted.contains(r.fingerprint())) {
        return "from a different sweep definition (sweep '" + r.sweep() + "', fingerprint "
            + r.fingerprint() + "; this sweep '" + plan.name() + "' is " + plan.fingerprint() + ")";
      }
      return null;
    }

    MergedRecords result() {
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
  }

  /** Of two records of one run: a finished one over a failed one, then the newer. */
  private static RunRecord better(RunRecord a, RunRecord b) {
    Comparator<RunRecord> order = Comparator.comparing(RunRecord::finished)
        .thenComparing(RunRecord::finishedAt);
    return order.compare(a, b) >= 0 ? a : b;
  }
}
