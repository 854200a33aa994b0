package cifar.sweep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.Placement;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import cifar.training.CnnEstimator;
import cifar.training.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSessionTest {
  @TempDir Path tmp;

  private static SweepPlan five(int repeats) {
    return SweepTesting.plan(SweepTesting.FIVE, new Overrides(repeats, null, null, null));
  }

  @Test
  void everyRunIsRecordedWithItsResult() throws Exception {
    SweepPlan plan = five(2);
    FakeExecutor fake = new FakeExecutor();
    SweepTesting.run(plan, tmp, Shard.ALL, fake, 1, false);
    MergedRecords m = SweepTesting.records(tmp);
    assertEquals(10, m.records().size());
    assertTrue(m.missing().isEmpty());
    for (PlannedRun p : plan.runs()) {
      RunRecord r = m.records().get(p.id());
      assertEquals(p.config(), r.config());
      assertEquals(plan.fingerprint(), r.fingerprint());
      assertEquals("1/1", r.shard());
      assertTrue(Files.exists(tmp.resolve("records").resolve(p.id() + ".json")));
    }
    try (Stream<Path> files = Files.list(tmp.resolve("records"))) {
      assertEquals(10, files.count(), "no temporary files left behind");
    }
    PlannedRun baseline = plan.runs().get(0);
    assertEquals(FakeExecutor.accuracy(baseline.config(), 3), m.records().get(baseline.id()).testAccuracy());
    assertEquals(3, m.records().get(baseline.id()).epochs().size());
  }

  @Test
  void divergedAndFailedRunsAreRecordedAndTheSweepGoesOn() {
    SweepPlan plan = five(1);
    FakeExecutor fake = new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0);
    SweepTesting.run(plan, tmp, Shard.ALL, fake, 1, false);
    Map<String, RunRecord> byName = new HashMap<>();
    SweepTesting.records(tmp).records().values().forEach(r -> byName.put(r.name(), r));
    assertEquals(5, byName.size(), "runs after the failed one were trained too");
    assertEquals(RunStatus.DIVERGED, byName.get("lr-huge").status());
    assertEquals("loss became NaN in epoch 2", byName.get("lr-huge").error());
    assertEquals(1, byName.get("lr-huge").epochs().size(), "the last good epoch is kept");
    assertEquals(RunStatus.FAILED, byName.get("tanh").status());
    assertTrue(byName.get("tanh").error().contains("simulated failure for tanh"));
    assertTrue(Double.isNaN(byName.get("tanh").testAccuracy()));
    assertEquals(RunStatus.OK, byName.get("sigmoid").status());
  }

  @Test
  void everyRunLogsToItsModelDirectoryAndAFailedRecordPointsToItsStackTrace() throws Exception {
    SweepPlan plan = five(1);
    SweepTesting.run(plan, tmp, Shard.ALL,
        new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0), 2, false);
    for (RunRecord r : SweepTesting.records(tmp).records().values()) {
      assertEquals("models/" + r.id() + "/train.log", r.log());
      String log = Files.readString(tmp.resolve(r.log()));
      assertTrue(log.contains("training " + r.name() + " seed 1 (" + r.id() + ")"), log);
      if (r.status() == RunStatus.FAILED) {
        assertTrue(log.contains("java.lang.IllegalStateException: simulated failure for tanh")
            && log.contains("\tat cifar.sweep.run.FakeExecutor.execute"), "the stack trace: " + log);
      } else {
        assertTrue(log.contains("epoch 1/3: loss "), log);
        assertFalse(log.contains("simulated failure"), "another run's failure: " + log);
      }
    }
  }

  @Test
  void rerunSkipsRecordedRunsAndRerunFailedRedoesFailedOnes() {
    SweepPlan plan = five(1);
    SweepTesting.run(plan, tmp, Shard.ALL, new FakeExecutor(c -> c.fcActivation().equals("tanh"), 0), 1, false);

    FakeExecutor second = new FakeExecutor();
    SweepSession again = SweepTesting.run(plan, tmp, Shard.ALL, second, 1, false);
    assertTrue(again.todo().isEmpty());
    assertTrue(second.calls().isEmpty(), "nothing is trained twice, the failed run neither");

    FakeExecutor third = new FakeExecutor();
    SweepSession rerun = SweepTesting.run(plan, tmp, Shard.ALL, third, 1, true);
    assertEquals(List.of("tanh"), rerun.todo().stream().map(PlannedRun::name).toList());
    assertEquals(1, third.calls().size(), "only the failed run, not the diverged one");
    RunRecord tanh = SweepTesting.records(tmp).records().get(rerun.todo().get(0).id());
    assertEquals(RunStatus.OK, tanh.status(), "the new record replaced the failed one");
  }

  @Test
  void growingTheSweepTrainsOnlyTheNewRuns() {
    SweepTesting.run(five(1), tmp, Shard.ALL, new FakeExecutor(), 1, false);
    SweepPlan bigger = SweepTesting.plan(SweepTesting.FIVE + """
          - name: batch-8
            set: {batch_size: 8}
        """, new Overrides(2, null, null, null));
    FakeExecutor fake = new FakeExecutor();
    SweepSession s = SweepTesting.run(bigger, tmp, Shard.ALL, fake, 1, false);
    assertEquals(1, s.notes().size());
    assertTrue(s.notes().get(0).contains("definition changed since the last run: 7 new run(s)"), s.notes().get(0));
    assertEquals(7, fake.calls().size(), "5 second seeds and 2 seeds of the new config");
    assertTrue(s.todo().stream().noneMatch(r -> r.seed() == 1 && !r.name().equals("batch-8")));
    MergedRecords m = SweepTesting.records(tmp);
    assertEquals(12, m.records().size(), "records of the first definition still count");
    assertTrue(m.refused().isEmpty());
  }

  @Test
  void parallelRunsTrainAtTheSameTimeAndEachOnce() {
    SweepPlan plan = five(2);
    FakeExecutor fake = new FakeExecutor(c -> false, 30);
    SweepTesting.run(plan, tmp, Shard.ALL, fake, 3, false);
    assertEquals(3, fake.maxRunning());
    assertEquals(10, fake.calls().size());
    assertTrue(fake.calls().values().stream().allMatch(n -> n == 1));
    assertEquals(10, SweepTesting.records(tmp).records().size());
  }

  @Test
  void workersPlacedOnTwoDevicesEachTrainOnTheirOwnAndShareTheRuns() {
    SweepPlan plan = five(2);
    FakeExecutor gpu0 = new FakeExecutor(c -> false, 30);
    FakeExecutor gpu1 = new FakeExecutor(c -> false, 30);
    SweepSession session = SweepSession.open(plan, tmp, Shard.ALL, false, CnnEstimator.CNN);
    // three workers on two GPUs: workers 0 and 2 on gpu:0, worker 1 on gpu:1
    session.train(Placement.roundRobin(List.<cifar.training.RunExecutor>of(gpu0, gpu1), 3),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false, "test-host");
    assertEquals(2, gpu0.maxRunning(), "two workers share the first device");
    assertEquals(1, gpu1.maxRunning());
    assertEquals(10, gpu0.calls().size() + gpu1.calls().size());
    assertTrue(gpu0.calls().keySet().stream().noneMatch(gpu1.calls()::containsKey), "a run trained twice");
    assertEquals(10, SweepTesting.records(tmp).records().size());
  }

  @Test
  void shardsTrainDisjointSlicesThatMergeBackIntoTheWholeSweep() {
    SweepPlan plan = five(3);
    Set<String> trained = new HashSet<>();
    for (int i = 1; i <= 4; i++) {
      FakeExecutor fake = new FakeExecutor();
      SweepTesting.run(plan, tmp, new Shard(i, 4, "test"), fake, 1, false);
      for (String id : fake.calls().keySet()) {
        assertTrue(trained.add(id), "run " + id + " trained by two shards");
      }
      MergedRecords partial = SweepTesting.records(tmp);
      assertEquals(trained.size(), partial.records().size());
      assertEquals(15 - trained.size(), partial.missing().size(), "the runs of later shards are listed as missing");
    }
    assertEquals(15, trained.size());
    MergedRecords all = SweepTesting.records(tmp);
    assertTrue(all.missing().isEmpty());
    assertEquals(4, all.records().values().stream().map(RunRecord::shard).distinct().count());
  }

  @Test
  void aUserErrorStopsTheSweepAndKeepsWhatFinished() {
    SweepPlan plan = five(1);
    FakeExecutor ok = new FakeExecutor();
    cifar.training.RunExecutor gpuMissing = (config, progress, files) -> {
      if (config.fcActivation().equals("tanh")) {
        throw new UserError("--device gpu: no GPU found");
      }
      return ok.execute(config, progress);
    };
    UserError e = assertThrows(UserError.class,
        () -> SweepTesting.run(plan, tmp, Shard.ALL, gpuMissing, 1, false));
    assertEquals("--device gpu: no GPU found", e.getMessage());
    MergedRecords m = SweepTesting.records(tmp);
    assertEquals(3, m.records().size(), "runs before the error are kept");
    assertFalse(m.records().values().stream().anyMatch(r -> r.name().equals("tanh")));
  }

  @Test
  void aCorruptRecordIsSetAsideNeverOverwrittenAndItsRunTrainedAgain() throws Exception {
    SweepPlan plan = five(1);
    SweepTesting.run(plan, tmp, Shard.ALL, new FakeExecutor(), 1, false);
    Path record = SweepStore.recordFiles(tmp).get(2);
    String id = record.getFileName().toString().replace(".json", "");
    String truncated = Files.readString(record).substring(0, 80);
    Files.writeString(record, truncated);
    Path aside = tmp.resolve("records").resolve("corrupt");
    Files.createDirectories(aside);
    Files.writeString(aside.resolve(id + ".json"), "set aside before"); // the name is taken

    FakeExecutor again = new FakeExecutor();
    SweepSession s = SweepTesting.run(plan, tmp, Shard.ALL, again, 1, false);
    assertEquals(List.of(id), List.copyOf(again.calls().keySet()), "only the corrupt record's run");
    assertEquals(1, s.warnings().size());
    assertTrue(s.warnings().get(0).startsWith(record + " is corrupt (not a run record")
        && s.warnings().get(0).endsWith("moved to " + aside.resolve(id + "-1.json")
        + "; its run is trained again"), s.warnings().get(0));
    assertEquals(truncated, Files.readString(aside.resolve(id + "-1.json")));
    assertEquals("set aside before", Files.readString(aside.resolve(id + ".json")));
    MergedRecords m = SweepTesting.records(tmp);
    assertEquals(5, m.records().size());
    assertTrue(m.refused().isEmpty() && m.corrupt().isEmpty(), m.refused().toString());
  }

  @Test
  void aDirectoryOfAnotherSweepIsRefused() {
    SweepTesting.run(five(1), tmp, Shard.ALL, new FakeExecutor(), 1, false);
    SweepPlan other = SweepTesting.plan("name: other\nruns:\n  - name: a\n", Overrides.NONE);
    UserError e = assertThrows(UserError.class, () -> SweepSession.open(other, tmp, Shard.ALL, false, CnnEstimator.CNN));
    assertTrue(e.getMessage().contains("holds sweep 'five', not 'other'"), e.getMessage());
  }
}
