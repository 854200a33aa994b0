package cifar.sweep.run;

import cifar.provenance.Provenance;
import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroup;
import cifar.training.RunEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a worker takes from a {@link RunQueue} and trains in one go: a whole group of seeds as one
 * stacked model, or one run alone.
 *
 * @param group the group of seeds the runs belong to
 * @param runs what trains: every member of {@code group} when stacked, else one run
 * @param toRecord the runs whose records are written: those without one; a stacked group trains
 *     its recorded members again (their digits depend on the whole group), but their records
 *     and models stay as they are
 * @param stacked whether {@code runs} train together ({@code RunExecutor.executeStacked})
 */
public record Task(SeedGroup group, List<PlannedRun> runs, List<PlannedRun> toRecord,
    boolean stacked) {
  public Task {
    runs = List.copyOf(runs);
    toRecord = List.copyOf(toRecord);
  }

  /** A run trained alone, as a group of its own. */
  public static Task single(PlannedRun run) {
    return new Task(SeedGroup.of(run), List.of(run), List.of(run), false);
  }

  /**
   * The tasks that give every run of {@code todo} its record: a group with a member in it trains
   * as a whole where {@code stack} says it can, else its members in it train alone, one task
   * each.
   *
   * @param groups the groups of this shard, in the order to train them
   * @param todo the ids of the runs to record
   */
  public static List<Task> of(List<SeedGroup> groups, Set<String> todo, Predicate<SeedGroup> stack) {
    List<Task> tasks = new ArrayList<>();
    for (SeedGroup g : groups) {
      List<PlannedRun> missing = g.members().stream().filter(r -> todo.contains(r.id())).toList();
      if (missing.isEmpty()) {
        continue;
      }
      if (g.members().size() > 1 && stack.test(g)) {
        tasks.add(new Task(g, g.members(), missing, true));
      } else {
        missing.forEach(r -> tasks.add(new Task(g, List.of(r), List.of(r), false)));
      }
    }
    return tasks;
  }

  /**
   * Estimated seconds of the task: the sum of its runs' ({@link LongestFirst#seconds}). A stacked
   * group takes less than that, since its members share every kernel; the sum is the cautious
   * estimate until the trainer can say how much less.
   */
  public double seconds(RunEstimator estimator) {
    return runs.stream().mapToDouble(r -> LongestFirst.seconds(r.config(), estimator)).sum();
  }

  /** What {@code run}'s record says about its group (null for a group of one). */
  public Provenance.Stack provenance(PlannedRun run) {
    return group.provenance(run, stacked);
  }
}
