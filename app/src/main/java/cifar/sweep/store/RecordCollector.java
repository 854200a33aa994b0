package cifar.sweep.store;

import cifar.sweep.RunIds;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SweepPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link MergedRecords} one source at a time: a record file of {@code records/}, or the
 * entries of a records.json. A record that is not sound (it does not parse, or its id does not
 * match its file name or config) is refused; one in {@code records/} is also listed as corrupt,
 * since a rerun of its run would overwrite it. A sound record of another sweep definition is
 * refused but not corrupt.
 */
final class RecordCollector {
  private final StoredSweep sweep;
  private final Set<String> accepted;
  private final Map<String, PlannedRun> planned = new LinkedHashMap<>();
  private final Map<String, RunRecord> found = new LinkedHashMap<>();
  private final List<String> refused = new ArrayList<>();
  private final Map<Path, String> corrupt = new LinkedHashMap<>();
  private int duplicates;
  private int outdated;

  RecordCollector(StoredSweep sweep) {
    this.sweep = sweep;
    this.accepted = sweep.acceptedFingerprints();
    sweep.plan().runs().forEach(r -> planned.put(r.id(), r));
  }

  void addFile(Path file) {
    RunRecord r;
    try {
      r = SweepStore.readRecord(file);
    } catch (IOException | RuntimeException e) {
      corrupt(file, e.getMessage());
      return;
    }
    String problem = !file.getFileName().toString().equals(r.id() + ".json")
        ? "its file name does not match its run id " + r.id() : unsound(r);
    if (problem != null) {
      corrupt(file, problem);
    } else {
      add(file.toString(), r);
    }
  }

  private void corrupt(Path file, String problem) {
    corrupt.put(file, problem);
    refused.add(file + ": " + problem);
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
      RunRecord r;
      try {
        r = RecordJson.read(entries.get(i));
      } catch (RuntimeException e) {
        refused.add(label + ": not a run record (" + e.getMessage() + ")");
        continue;
      }
      String problem = unsound(r);
      if (problem != null) {
        refused.add(label + ": " + problem);
      } else {
        add(label, r);
      }
    }
  }

  /** Adds a sound record, unless it belongs to another sweep definition. */
  private void add(String source, RunRecord r) {
    if (!accepted.contains(r.fingerprint())) {
      SweepPlan plan = sweep.plan();
      refused.add(source + ": from a different sweep definition (sweep '" + r.sweep()
          + "', fingerprint " + r.fingerprint() + "; this sweep '" + plan.name() + "' is "
          + plan.fingerprint() + ")");
    } else if (!planned.containsKey(r.id())) {
      outdated++;
    } else if (found.containsKey(r.id())) {
      duplicates++;
      found.put(r.id(), better(found.get(r.id()), r));
    } else {
      found.put(r.id(), r);
    }
  }

  /** What makes a parsed record unsound, or null. */
  private static String unsound(RunRecord r) {
    return RunIds.runId(r.config()).equals(r.id()) ? null
        : "its run id does not match its config (was it edited?)";
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
    return new MergedRecords(sweep, inPlanOrder, refused, corrupt, duplicates, outdated,
        missing);
  }

  /** Of two records of one run: a finished one over a failed one, then the newer. */
  private static RunRecord better(RunRecord a, RunRecord b) {
    Comparator<RunRecord> order = Comparator.comparing(RunRecord::finished)
        .thenComparing(r -> r.provenance().finishedAt(),
            Comparator.nullsFirst(Comparator.naturalOrder()));
    return order.compare(a, b) >= 0 ? a : b;
  }
}
