package cifar.sweep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.session.SweepTesting;
import cifar.training.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedRecordsTest {
  @TempDir Path tmp;

  private final SweepPlan plan = SweepTesting.plan(SweepTesting.FIVE, new Overrides(2, null, null, null));

  /** Shards 1/2 and 2/2 trained on two machines without a shared volume, then merged. */
  @Test
  void recordsOfSeparateShardDirectoriesMergeIntoOneSweep() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    SweepTesting.run(plan, a, new Shard(1, 2, "t"), new FakeExecutor(), 1, false);
    SweepTesting.run(plan, b, new Shard(2, 2, "t"), new FakeExecutor(), 1, false);
    // a copy of one of a's records also lands in b: a duplicate
    Path oneOfA = SweepStore.recordFiles(a).get(0);
    Files.copy(oneOfA, b.resolve("records").resolve(oneOfA.getFileName()));

    MergedRecords m = MergedRecords.merge(new SweepStore(a).readPlan(), List.of(a, b));
    assertEquals(10, m.records().size());
    assertTrue(m.missing().isEmpty());
    assertEquals(1, m.duplicates());
    assertTrue(m.refused().isEmpty(), m.refused().toString());
    assertEquals(plan.runs().stream().map(PlannedRun::id).toList(), List.copyOf(m.records().keySet()),
        "records come out in plan order");

    // shards are dealt whole groups of seeds: shard 2/2 holds what a lacks
    MergedRecords onlyA = MergedRecords.merge(new SweepStore(a).readPlan(), List.of(a));
    assertEquals(plan.shard(new Shard(2, 2, "t")).size(), onlyA.missing().size());
  }

  @Test
  void recordsOfAnotherSweepDefinitionAreRefused() throws Exception {
    Path mine = tmp.resolve("mine");
    Path other = tmp.resolve("other");
    SweepTesting.run(plan, mine, new Shard(1, 2, "t"), new FakeExecutor(), 1, false);
    // the same runs, but with --epochs 1 on the other machine: another definition
    SweepPlan oneEpoch = SweepTesting.plan(SweepTesting.FIVE, new Overrides(2, 1, null, null));
    SweepTesting.run(oneEpoch, other, Shard.ALL, new FakeExecutor(), 1, false);

    MergedRecords m = MergedRecords.merge(new SweepStore(mine).readPlan(), List.of(mine, other));
    int inShard = plan.shard(new Shard(1, 2, "t")).size();
    assertEquals(inShard, m.records().size());
    assertEquals(10, m.refused().size());
    assertTrue(m.refused().get(0).contains("from a different sweep definition"), m.refused().get(0));
    assertTrue(m.corrupt().isEmpty(), "a record of another definition is sound, not corrupt");
    assertEquals(10 - inShard, m.missing().size());
  }

  @Test
  void aFinishedRecordWinsOverAFailedDuplicate() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    SweepTesting.run(plan, a, Shard.ALL, new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0), 1, false);
    SweepTesting.run(plan, b, Shard.ALL, new FakeExecutor(), 1, false);
    MergedRecords m = MergedRecords.merge(new SweepStore(a).readPlan(), List.of(a, b));
    assertEquals(10, m.duplicates());
    assertTrue(m.records().values().stream().noneMatch(r -> r.status() == RunStatus.FAILED));
  }

  @Test
  void brokenOrEditedRecordFilesAreRefusedNotFatal() throws Exception {
    SweepTesting.run(plan, tmp, Shard.ALL, new FakeExecutor(), 1, false);
    List<Path> files = SweepStore.recordFiles(tmp);
    Files.writeString(files.get(0), "{\"sweep\": \"five\", trunc");
    Path edited = files.get(1);
    Files.writeString(edited, Files.readString(edited).replace("\"momentum\": 0.9", "\"momentum\": 0.5"));
    Files.writeString(tmp.resolve("records").resolve(".x.json.123.tmp"), "half a reco");

    MergedRecords m = SweepTesting.records(tmp);
    assertEquals(8, m.records().size());
    assertEquals(2, m.refused().size(), m.refused().toString());
    assertTrue(m.refused().stream().anyMatch(r -> r.contains("does not match its config")), m.refused().toString());
    assertEquals(List.of(files.get(0), edited), List.copyOf(m.corrupt().keySet()));
    assertTrue(m.corrupt().get(files.get(0)).startsWith("not a run record"), m.corrupt().toString());
    assertEquals(2, m.missing().size(), "refused runs are missing, so a rerun trains them again");
  }
}
