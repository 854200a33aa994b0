package cifar.sweep.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.json.Json;
import cifar.provenance.Provenance;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.SeedGroup;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.StackingExecutor;
import cifar.sweep.run.TimeLimit;
import cifar.sweep.store.RecordJson;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import cifar.training.CnnEstimator;
import cifar.training.RunExecutor;
import cifar.training.RunStatus;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep trains the seeds of each config as one stack: grouping, records, resume, failures. */
class SweepStackTest {
  @TempDir Path tmp;

  private static SweepPlan five(int repeats) {
    return SweepTesting.plan(SweepTesting.FIVE, new Overrides(repeats, null, null, null));
  }

  /** Trains what the sweep in tmp lacks; returns what it printed. */
  private String train(SweepPlan plan, RunExecutor executor, int parallel, boolean stack,
      boolean keepCheckpoints) {
    return train(tmp, plan, executor, parallel, stack, keepCheckpoints);
  }

  private static String train(Path dir, SweepPlan plan, RunExecutor executor, int parallel,
      boolean stack, boolean keepCheckpoints) {
    SweepSession session = SweepSession.open(plan, dir, Shard.ALL, false, CnnEstimator.CNN);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    session.train(Collections.nCopies(parallel, executor),
        new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "test-host", keepCheckpoints,
        TimeLimit.NONE, stack);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static RunRecord read(Path file) throws Exception {
    return RecordJson.read(Files.readString(file));
  }

  private Path record(PlannedRun run) {
    return tmp.resolve(SweepStore.RECORDS).resolve(run.id() + ".json");
  }

  @Test
  void eachConfigsSeedsTrainAsOneStackAndEveryRecordNamesItsGroup() throws Exception {
    SweepPlan plan = five(3);
    StackingExecutor stacking = new StackingExecutor(8);
    String out = train(plan, stacking, 2, true, false);
    assertEquals(plan.groups().stream().map(SeedGroup::ids).sorted(byFirstId()).toList(),
        stacking.groups().stream().sorted(byFirstId()).toList(), "one stacked call per group");
    assertTrue(stacking.alone().isEmpty(), "nothing trained alone: " + stacking.alone());
    assertTrue(out.startsWith("note: 5 groups of seeds train as one stack each\n"), out);
    for (SeedGroup g : plan.groups()) {
      for (int i = 0; i < g.members().size(); i++) {
        PlannedRun run = g.members().get(i);
        // strict JSON, and the stack is in the provenance object of the file
        String text = Files.readString(record(run));
        JsonObject stack = Json.parseStrict(text).getAsJsonObject()
            .getAsJsonObject("provenance").getAsJsonObject("stack");
        assertEquals(g.key(), stack.get("key").getAsString());
        Provenance.Stack s = read(record(run)).provenance().stack();
        assertEquals(new Provenance.Stack(g.key(), g.ids(), i, true), s);
        assertTrue(out.contains("] " + run.id() + " " + run.name() + " seed " + run.seed() + ": "),
            "a finished line for every member:\n" + out);
      }
      assertFalse(Files.exists(tmp.resolve(SweepStore.CHECKPOINTS).resolve(g.key())),
          "a recorded group's checkpoints are removed");
    }
    // each member's model: its config and the parameters the stack wrote for it
    PlannedRun first = plan.runs().get(0);
    assertTrue(Files.exists(tmp.resolve(SweepStore.MODELS).resolve(first.id()).resolve("model.params")));
    assertTrue(Files.readString(tmp.resolve(RunRecord.logOf(first.id()))).contains("as one stack"));
  }

  private static Comparator<List<String>> byFirstId() {
    return Comparator.comparing(l -> l.get(0));
  }

  @Test
  void aDivergedMemberIsRecordedAsSuchWhileTheOthersGoOn() throws Exception {
    SweepPlan plan = SweepTesting.plan("name: d\nbaseline: {epochs: 3, seed: 98}\nruns:\n  - name: b\n",
        new Overrides(3, null, null, null));
    train(plan, new StackingExecutor(8), 1, true, false);
    Map<Long, RunStatus> status = new HashMap<>();
    for (PlannedRun r : plan.runs()) {
      status.put(r.seed(), read(record(r)).status());
    }
    assertEquals(Map.of(98L, RunStatus.OK, 99L, RunStatus.DIVERGED, 100L, RunStatus.OK), status);
  }

  @Test
  void noStackTrainsEveryRunAloneAndSaysSo() throws Exception {
    SweepPlan plan = five(3);
    StackingExecutor stacking = new StackingExecutor(8);
    train(plan, stacking, 2, false, false);
    assertTrue(stacking.groups().isEmpty());
    assertEquals(15, stacking.alone().size());
    for (SeedGroup g : plan.groups()) {
      for (int i = 0; i < g.members().size(); i++) {
        assertEquals(new Provenance.Stack(g.key(), g.ids(), i, false),
            read(record(g.members().get(i))).provenance().stack());
      }
    }
  }

  @Test
  void aTrainerThatStacksFewerThanTheGroupTrainsItsMembersAlone(@TempDir Path other)
      throws Exception {
    SweepPlan plan = five(3);
    StackingExecutor one = new StackingExecutor(1);
    String out = train(plan, one, 1, true, false);
    assertTrue(out.startsWith("note: 0 groups of seeds train as one stack each; the runs of 5"
        + " train one at a time (the trainer cannot stack them)\n"), out);
    assertTrue(one.groups().isEmpty(), "never asked to stack: " + one.groups());
    assertEquals(15, one.alone().size());
    PlannedRun r = plan.runs().get(1);
    assertFalse(read(record(r)).provenance().stack().stacked());
    // the same groups either way: the grouping is the sweep's, not the trainer's
    StackingExecutor two = new StackingExecutor(2);
    train(other, plan, two, 1, true, false);
    assertTrue(two.groups().isEmpty(), "a group of 3 does not fit a limit of 2");
    RunRecord there = read(other.resolve(SweepStore.RECORDS).resolve(r.id() + ".json"));
    assertEquals(read(record(r)).provenance().stack(), there.provenance().stack());
  }

  @Test
  void aRunOfItsOwnHasNoStackInItsRecord() throws Exception {
    SweepPlan plan = five(1);
    StackingExecutor stacking = new StackingExecutor(8);
    train(plan, stacking, 1, true, false);
    assertTrue(stacking.groups().isEmpty(), "a group of one trains as a run");
    for (PlannedRun r : plan.runs()) {
      assertNull(read(record(r)).provenance().stack());
      assertTrue(Files.readString(record(r)).contains("\"stack\": null"));
    }
  }

  @Test
  void resumeTrainsAPartialGroupWholeAndWritesOnlyTheMissingRecords() throws Exception {
    SweepPlan plan = five(3);
    train(plan, new StackingExecutor(8), 1, true, false);
    SeedGroup g = plan.groups().get(1);
    PlannedRun lost = g.members().get(1);
    RunRecord before = read(record(lost));
    Map<Path, byte[]> kept = new HashMap<>();
    for (PlannedRun r : plan.runs()) {
      if (!r.equals(lost)) {
        kept.put(record(r), Files.readAllBytes(record(r)));
        Path params = tmp.resolve(SweepStore.MODELS).resolve(r.id()).resolve("model.params");
        kept.put(params, Files.readAllBytes(params));
      }
    }
    Files.delete(record(lost));

    StackingExecutor again = new StackingExecutor(8);
    String out = train(plan, again, 1, true, false);
    assertEquals(List.of(g.ids()), again.groups(), "the partial group, whole and in order");
    assertEquals(Arrays.asList(null, tmp.resolve(SweepStore.MODELS).resolve(lost.id())
        .resolve("model.params"), null), again.files().get(0).parameters(),
        "only the missing member gets a parameter file");
    assertEquals(tmp.resolve(SweepStore.CHECKPOINTS).resolve(g.key()),
        again.files().get(0).checkpoints());
    for (Map.Entry<Path, byte[]> e : kept.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " changed");
    }
    RunRecord after = read(record(lost));
    assertEquals(before.epochs(), after.epochs(), "the missing member gets the bits it had");
    assertEquals(before.testAccuracy(), after.testAccuracy());
    assertEquals(before.perClassAccuracy(), after.perClassAccuracy());
    assertEquals(before.confusion(), after.confusion());
    assertEquals(before.provenance().stack(), after.provenance().stack());
    assertTrue(out.contains(g.members().get(0).id() + " " + g.members().get(0).name() + " seed "
        + g.members().get(0).seed() + ": trained again with its stack, its record kept"), out);
    assertTrue(out.contains("] " + lost.id() + " "), out);
  }

  @Test
  void aGroupThatThrowsRecordsEveryMemberFailedAndTheSweepGoesOn() throws Exception {
    SweepPlan plan = five(3);
    StackingExecutor stacking = new StackingExecutor(8, c -> c.fcActivation().equals("tanh"),
        c -> false);
    train(plan, stacking, 1, true, false);
    for (SeedGroup g : plan.groups()) {
      boolean tanh = g.first().config().fcActivation().equals("tanh");
      for (PlannedRun r : g.members()) {
        RunRecord rec = read(record(r));
        assertEquals(tanh ? RunStatus.FAILED : RunStatus.OK, rec.status(), r.name());
        if (tanh) {
          assertTrue(rec.error().contains("simulated stack failure"), rec.error());
          assertTrue(Files.readString(tmp.resolve(rec.log())).contains("simulated stack failure"));
        }
      }
      assertEquals(tanh, Files.exists(tmp.resolve(SweepStore.CHECKPOINTS).resolve(g.key())),
          "a failed group keeps its checkpoints for --rerun-failed");
    }
  }

  @Test
  void aUserErrorInAGroupStopsTheSweep() {
    SweepPlan plan = five(3);
    StackingExecutor stacking = new StackingExecutor(8, c -> false,
        c -> c.fcActivation().equals("tanh"));
    assertThrows(UserError.class, () -> train(plan, stacking, 1, true, false));
    PlannedRun tanh = plan.runs().stream().filter(r -> r.name().equals("tanh")).findFirst()
        .orElseThrow();
    assertFalse(Files.exists(record(tanh)));
  }

  @Test
  void keepCheckpointsKeepsTheGroupsCheckpoints() {
    SweepPlan plan = five(2);
    train(plan, new StackingExecutor(8), 1, true, true);
    for (SeedGroup g : plan.groups()) {
      assertTrue(Files.exists(tmp.resolve(SweepStore.CHECKPOINTS).resolve(g.key())));
    }
  }
}
