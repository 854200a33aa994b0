package cifar.sweep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.provenance.Provenance;
import cifar.sweep.session.SweepTesting;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedGroupsTest {
  @Test
  void theSeedsOfEachConfigAreCutInPlanOrderIntoGroupsOfAtMostTheMaximum() {
    SweepPlan plan = ShardTest.plan(SeedGroups.MAX_MEMBERS + 2);
    List<SeedGroup> groups = plan.groups();
    assertEquals(30, groups.size(), "15 configs, each a full group and a group of two");
    for (int i = 0; i < groups.size(); i += 2) {
      SeedGroup full = groups.get(i);
      SeedGroup rest = groups.get(i + 1);
      assertEquals(SeedGroups.MAX_MEMBERS, full.members().size());
      assertEquals(2, rest.members().size());
      String config = full.first().configId();
      assertTrue(full.members().stream().allMatch(r -> r.configId().equals(config)));
      assertTrue(rest.members().stream().allMatch(r -> r.configId().equals(config)));
      // seeds in plan order: 1..8, then 9, 10
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L),
          full.members().stream().map(PlannedRun::seed).toList());
      assertEquals(List.of(9L, 10L), rest.members().stream().map(PlannedRun::seed).toList());
    }
    assertEquals(plan.runs(), groups.stream().flatMap(g -> g.members().stream()).toList(),
        "every run in one group, in plan order");
  }

  @Test
  void theGroupsAreAFunctionOfThePlanAlone() {
    List<SeedGroup> once = ShardTest.plan(3).groups();
    List<SeedGroup> again = ShardTest.plan(3).groups();
    assertEquals(once, again);
    assertEquals(once.stream().map(SeedGroup::key).toList(),
        again.stream().map(SeedGroup::key).toList());
    assertEquals(15, once.stream().map(SeedGroup::key).distinct().count(), "one key per group");
    // more repeats make other groups, under other keys: their checkpoints never mix
    assertNotEquals(once.get(0).key(), ShardTest.plan(4).groups().get(0).key());
    assertEquals(once.get(0).first().id(), ShardTest.plan(4).groups().get(0).first().id());
  }

  @Test
  void aGroupNamesItsMembersInOrderAndEachOnesPlace() {
    SeedGroup g = ShardTest.plan(3).groups().get(1);
    Provenance.Stack s = g.provenance(g.members().get(2), true);
    assertEquals(g.key(), s.key());
    assertEquals(g.ids(), s.members());
    assertEquals(2, s.position());
    assertTrue(s.stacked());
    assertNull(ShardTest.plan(1).groups().get(0).provenance(ShardTest.plan(1).runs().get(0), true),
        "a group of one is a run of its own");
  }

  @Test
  void aSearchTrainsEveryRunAlone() {
    SweepPlan plan = SweepTesting.plan("""
        name: s
        search:
          method: random
          trials: 4
          space:
            lr: {log_uniform: [0.0005, 0.01]}
        """, Overrides.NONE);
    assertEquals(plan.runs().size(), plan.groups().size());
    assertTrue(plan.groups().stream().allMatch(g -> g.members().size() == 1));
  }
}
