package cifar.sweep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.sweep.plan.LongestFirst;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroup;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.session.SweepTesting;
import cifar.training.CnnEstimator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaskTest {
  private static final SweepPlan PLAN = SweepTesting.plan(SweepTesting.FIVE,
      new Overrides(3, null, null, null));

  private static Set<String> ids(List<PlannedRun> runs) {
    return runs.stream().map(PlannedRun::id).collect(Collectors.toSet());
  }

  @Test
  void aGroupWithARunToDoTrainsWholeAndRecordsOnlyThatRun() {
    SeedGroup g = PLAN.groups().get(2);
    PlannedRun missing = g.members().get(2);
    List<Task> tasks = Task.of(PLAN.groups(), Set.of(missing.id()), x -> true);
    assertEquals(List.of(new Task(g, g.members(), List.of(missing), true)), tasks);
  }

  @Test
  void aGroupThatCannotStackTrainsItsRunsToDoAloneEachATaskOfItsOwn() {
    SeedGroup g = PLAN.groups().get(0);
    List<Task> tasks = Task.of(PLAN.groups(), ids(g.members().subList(1, 3)), x -> false);
    assertEquals(2, tasks.size());
    for (int i = 0; i < 2; i++) {
      Task t = tasks.get(i);
      assertEquals(List.of(g.members().get(i + 1)), t.runs());
      assertEquals(t.runs(), t.toRecord());
      assertEquals(i + 1, t.provenance(t.runs().get(0)).position());
      assertFalse(t.provenance(t.runs().get(0)).stacked());
    }
    assertNull(Task.single(g.first()).provenance(g.first()), "a run of its own");
  }

  @Test
  void aGroupIsEstimatedAtTheSumOfItsMembers() {
    Task t = Task.of(PLAN.groups(), ids(PLAN.runs()), x -> true).get(0);
    double one = LongestFirst.seconds(t.runs().get(0).config(), CnnEstimator.CNN);
    assertEquals(3 * one, t.seconds(CnnEstimator.CNN), 1e-9 * one);
  }

  @Test
  void theTimeLimitSeesTheWholeGroup() throws InterruptedException {
    Task group = Task.of(PLAN.groups(), ids(PLAN.runs()), x -> true).get(0);
    double one = LongestFirst.seconds(group.runs().get(0).config(), CnnEstimator.CNN);
    // room for two of its runs but not three: the group does not start
    long[] now = {0};
    TimeLimit limit = TimeLimit.minutes(2.5 * one / 60, () -> now[0]);
    assertNull(RunQueue.of(List.of(group), limit, CnnEstimator.CNN).take());
    assertTrue(limit.reached());
    TimeLimit roomy = TimeLimit.minutes(3.5 * one / 60, () -> now[0]);
    assertEquals(group, RunQueue.of(List.of(group), roomy, CnnEstimator.CNN).take());
  }
}
