package cifar.report.table;

import cifar.provenance.Provenance;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a sweep's records came from: the commits and libraries that made them, and the configs
 * whose seeds were made by different ones. Seeds of one config are only comparable when the
 * code and the libraries agree; otherwise their spread mixes seed noise with code changes.
 */
public final class ProvenanceCheck {
  private ProvenanceCheck() {}

  /** "made by: COMMIT, DJL x, PyTorch y cpu (N runs); ..." and one warning per mixed config. */
  public static List<String> lines(MergedRecords merged) {
    Map<String, Integer> made = new TreeMap<>();
    Map<String, Set<String>> byConfig = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (RunRecord r : merged.records().values()) {
      String what = describe(r.provenance());
      made.merge(what, 1, Integer::sum);
      byConfig.computeIfAbsent(r.configId(), k -> new LinkedHashSet<>()).add(what);
      names.putIfAbsent(r.configId(), r.name());
    }
    List<String> out = new ArrayList<>();
    if (made.isEmpty()) {
      return out;
    }
    List<String> parts = new ArrayList<>();
    made.forEach((what, n) -> parts.add(what + " (" + n + " run" + (n == 1 ? "" : "s") + ")"));
    out.add("records made by: " + String.join("; ", parts));
    byConfig.forEach((config, whats) -> {
      if (whats.size() > 1) {
        out.add("warning: the seeds of " + names.get(config) + " come from different code or"
            + " libraries (" + String.join(" / ", whats) + "): their spread is not seed noise"
            + " alone");
      }
    });
    return out;
  }

  private static String describe(Provenance p) {
    return p == null ? "unknown" : p.codeAndLibraries();
  }
}
