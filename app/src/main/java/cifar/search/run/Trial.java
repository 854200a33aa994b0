package cifar.search.run;

import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SweepPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial of a search: a drawn config and its runs, one per rung in rung order (a trial of a
 * random search has one).
 *
 * @param name trial-001, ...
 * @param id the id of the trial trained to its last rung (its checkpoints' directory under ASHA)
 * @param changes the drawn values, as text
 * @param rungs the trial's runs, fewest epochs first
 */
public record Trial(String name, String id, String changes, List<PlannedRun> rungs) {
  public Trial {
    rungs = List.copyOf(rungs);
  }

  /** The trials of a search's plan, in draw order. */
  public static List<Trial> of(SweepPlan plan) {
    Map<String, List<PlannedRun>> byTrial = new LinkedHashMap<>();
    for (PlannedRun r : plan.runs()) {
      byTrial.computeIfAbsent(r.checkpointKey(), k -> new ArrayList<>()).add(r);
    }
    List<Trial> out = new ArrayList<>();
    byTrial.forEach((id, runs) -> {
      List<PlannedRun> sorted = runs.stream()
          .sorted(Comparator.comparingInt(r -> r.config().epochs())).toList();
      PlannedRun last = sorted.get(sorted.size() - 1);
      out.add(new Trial(last.name(), last.id(), last.changes(), sorted));
    });
    return out;
  }

  /** The run of the trial's last rung. */
  public PlannedRun last() {
    return rungs.get(rungs.size() - 1);
  }
}
