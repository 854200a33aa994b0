package cifar.sweep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.sweep.file.SweepDefinition;
import cifar.sweep.file.SweepFileReader;
import cifar.training.CnnEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTest {
  static SweepPlan plan(int repeats) {
    SweepDefinition d = SweepFileReader.parse("t.yaml", """
        grids:
          - name: g
            grid: {batch_size: [2, 4, 8, 16, 32], lr: [0.001, 0.002, 0.004]}
        """, "t", CnnEstimator.CNN);
    return SweepPlan.of(List.of(d), new Overrides(repeats, null, null, null));
  }

  @Test
  void shardsPartitionTheRunsExactly() {
    SweepPlan plan = plan(2);
    assertEquals(30, plan.runs().size());
    for (int n = 1; n <= 7; n++) {
      List<String> all = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        List<PlannedRun> mine = new Shard(i, n, "test").select(plan.runs());
        assertTrue(Math.abs(mine.size() - 30.0 / n) < 1, "balanced: " + mine.size() + " of 30 in " + i + "/" + n);
        mine.forEach(r -> all.add(r.id()));
      }
      assertEquals(30, all.size(), "no run in two shards (n=" + n + ")");
      assertEquals(plan.runs().stream().map(PlannedRun::id).toList().stream().sorted().toList(),
          all.stream().sorted().toList(), "every run in some shard (n=" + n + ")");
    }
  }

  @Test
  void shardsPartitionTheGroupsOfSeedsExactlyAndSplitNone() {
    SweepPlan plan = plan(3);
    List<SeedGroup> groups = plan.groups();
    assertEquals(15, groups.size());
    for (int n = 1; n <= 7; n++) {
      List<SeedGroup> all = new ArrayList<>();
      List<String> runs = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        Shard shard = new Shard(i, n, "test");
        List<SeedGroup> mine = shard.selectGroups(groups);
        assertTrue(Math.abs(mine.size() - 15.0 / n) < 1, "balanced: " + mine.size() + " in " + i + "/" + n);
        all.addAll(mine);
        // the shard's runs are its groups' members, whole, in plan order
        List<PlannedRun> members = mine.stream().flatMap(g -> g.members().stream()).toList();
        assertEquals(plan.runs().stream().filter(members::contains).toList(), plan.shard(shard));
        plan.shard(shard).forEach(r -> runs.add(r.id()));
      }
      assertEquals(15, all.size(), "no group in two shards (n=" + n + ")");
      assertEquals(groups.stream().map(SeedGroup::key).sorted().toList(),
          all.stream().map(SeedGroup::key).sorted().toList(), "every group in some shard");
      assertEquals(plan.runs().stream().map(PlannedRun::id).sorted().toList(),
          runs.stream().sorted().toList(), "every run in exactly one shard (n=" + n + ")");
    }
  }

  @Test
  void withOneSeedPerConfigTheShardsAreThoseOfTheRuns() {
    SweepPlan plan = plan(1);
    for (int i = 1; i <= 3; i++) {
      Shard shard = new Shard(i, 3, "test");
      assertEquals(shard.select(plan.runs()), plan.shard(shard));
    }
  }

  @Test
  void parsesOneBasedShards() {
    Shard s = Shard.parse("2/3");
    assertEquals(2, s.index());
    assertEquals(3, s.count());
    assertEquals("2/3", s.label());
  }

  @Test
  void rejectsShardsThatDoNotExist() {
    assertTrue(assertThrows(UserError.class, () -> Shard.parse("3/2")).getMessage().contains("shard 3/2 (--shard 3/2) does not exist"));
    assertTrue(assertThrows(UserError.class, () -> Shard.parse("0/2")).getMessage().contains("does not exist"));
    assertTrue(assertThrows(UserError.class, () -> Shard.parse("two/3")).getMessage().contains("must be I/N"));
    assertTrue(assertThrows(UserError.class, () -> Shard.parse("1")).getMessage().contains("must be I/N"));
  }

  @Test
  void kubernetesIndexIsZeroBased() {
    Shard s = Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "CIFAR_SHARD_COUNT", "4"), null);
    assertEquals(1, s.index());
    assertEquals(4, s.count());
    assertEquals(4, Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "3"), 4).index());
    String m = assertThrows(UserError.class, () -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "1"), null)).getMessage();
    assertTrue(m.contains("--shard-count") && m.contains("CIFAR_SHARD_COUNT"), m);
    assertThrows(UserError.class, () -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "4"), 4));
  }

  @Test
  void slurmArrayIdsCountFromTheArrayMinimum() {
    Shard s = Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1",
        "SLURM_ARRAY_TASK_COUNT", "8"), null);
    assertEquals(5, s.index());
    assertEquals(8, s.count());
    Shard zero = Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0",
        "SLURM_ARRAY_TASK_COUNT", "2"), null);
    assertEquals(1, zero.index());
    assertThrows(UserError.class, () -> Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "2",
        "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "3", "SLURM_ARRAY_TASK_STEP", "2"), null));
    assertEquals(Shard.ALL, Shard.fromEnvironment(Map.of("HOME", "/root"), null));
  }
}
