package cifar.sweep.store;

import cifar.json.Json;
import cifar.provenance.Provenance;
import cifar.search.Search;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SweepPlan;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.json}: the resolved plan of a sweep, so {@code report} needs no sweep file, and
 * the provenance of the process that last wrote it. Format 2 added the provenance; files of
 * format 1 read as before, without one. A search's plan also holds the search ({@code search},
 * null for runs and grids, and absent from older files).
 */
final class PlanJson {
  static final int FORMAT = 2;

  private PlanJson() {}

  static String write(StoredSweep stored, Provenance provenance) {
    SweepPlan p = stored.plan();
    return Json.write(new PlanFile(p.name(), p.fingerprint(), stored.earlierFingerprints(),
        p.files(), p.overrides(), p.notes(), p.search(), p.runs(), provenance), FORMAT);
  }

  static StoredSweep read(String json) {
    PlanFile f = Json.read(json, PlanFile.class, FORMAT);
    if (f.name() == null || f.fingerprint() == null || f.runs() == null || f.overrides() == null) {
      throw new IllegalArgumentException("name, fingerprint, overrides and runs are required");
    }
    SweepPlan plan = new SweepPlan(f.name(), f.runs(), f.fingerprint(),
        f.notes() == null ? List.of() : f.notes(), f.files() == null ? Map.of() : f.files(),
        f.overrides(), f.search());
    return new StoredSweep(plan,
        f.earlierFingerprints() == null ? List.of() : f.earlierFingerprints(), f.provenance());
  }

  /** The file's fields, in the order they are written. */
  private record PlanFile(String name, String fingerprint, List<String> earlierFingerprints,
      Map<String, String> files, Overrides overrides, List<String> notes, Search search,
      List<PlannedRun> runs, Provenance provenance) {}
}
