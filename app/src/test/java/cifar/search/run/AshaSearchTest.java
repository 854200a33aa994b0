package cifar.search.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.json.Json;
import cifar.sweep.plan.Overrides;
import cifar.sweep.plan.PlannedRun;
import cifar.sweep.plan.Shard;
import cifar.sweep.plan.SweepPlan;
import cifar.sweep.run.TimeLimit;
import cifar.sweep.session.SweepSession;
import cifar.sweep.session.SweepTesting;
import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import cifar.training.CnnEstimator;
import cifar.training.RunFiles;
import cifar.training.RunResult;
import cifar.training.RunStatus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ASHA search through the sweep machinery on a scripted trainer: its decisions, its
 * promotions continuing their trials' checkpoints, parallel workers, time limits and shards,
 * and a search killed in the middle that a rerun takes up to the same decisions and records.
 */
class AshaSearchTest {
  /** Nine trials, η = 2, rungs of 1, 2 and 4 epochs. */
  static final String FILE = """
      name: a
      search:
        method: asha
        trials: 9
        seed: 4
        validation: 10
        max_epochs: 4
        reduction_factor: 2
        space:
          lr: {log_uniform: [0.0001, 0.1]}
          momentum: {uniform: [0.5, 0.9]}
      """;

  @TempDir Path tmp;

  /** Best near lr 0.003; momentum pays off only with more epochs, so rankings cross. */
  static double score(RunConfig c, int epoch) {
    return 0.6 - 0.1 * Math.abs(Math.log10(c.learningRate()) + 2.5)
        + 0.03 * epoch * (c.momentum() - 0.7);
  }

  private static SweepPlan plan() {
    return SweepTesting.plan(FILE, new Overrides(1, null, 1000, 100));
  }

  private static ScriptedExecutor executor() {
    return new ScriptedExecutor(AshaSearchTest::score, c -> 0);
  }

  private static List<String> starts(Path dir, Shard shard) {
    return AshaLog.read(AshaLog.file(dir, shard), shard).events().stream()
        .filter(e -> e.event().equals("start")).map(e -> e.trial() + "@" + e.epochs()).toList();
  }

  /** The validation accuracy and epochs of every record, by run id. */
  private static Map<String, String> results(Path dir) {
    Map<String, String> out = new TreeMap<>();
    SweepTesting.records(dir).records().forEach((id, r) -> out.put(id, r.status() + " "
        + r.validationAccuracy() + " " + r.epochs().size()));
    return out;
  }

  @Test
  void oneWorkerMakesAshasDecisionsFromTheRecordsAndPromotionsContinueTheirTrials() {
    SweepPlan plan = plan();
    ScriptedExecutor trainer = executor();
    SweepTesting.run(plan, tmp, Shard.ALL, trainer, 1, false);

    List<Trial> trials = Trial.of(plan);
    double[][] table = new double[trials.size()][];
    for (int t = 0; t < trials.size(); t++) {
      table[t] = trials.get(t).rungs().stream()
          .mapToDouble(r -> score(r.config(), r.config().epochs())).toArray();
    }
    List<String> expected = new ArrayList<>();
    Asha asha = new Asha(trials.size(), 3, 2);
    for (Optional<Asha.Job> j = asha.next(); j.isPresent(); j = asha.next()) {
      asha.started(j.get());
      asha.ended(j.get(), table[j.get().trial()][j.get().rung()]);
      expected.add(trials.get(j.get().trial()).name() + "@" + List.of(1, 2, 4).get(j.get().rung()));
    }
    List<String> started = starts(tmp, Shard.ALL);
    assertEquals(expected, started);
    assertTrue(started.stream().anyMatch(s -> s.endsWith("@4")), "someone reached the top rung");

    // each trial trained exactly the epochs of the highest rung it reached: none twice
    Map<String, Integer> reached = new HashMap<>();
    for (String s : started) {
      String name = s.substring(0, s.indexOf('@'));
      reached.merge(name, Integer.parseInt(s.substring(s.indexOf('@') + 1)), Math::max);
    }
    Map<String, Integer> expectedEpochs = new HashMap<>();
    for (Trial t : trials) {
      expectedEpochs.put(ScriptedExecutor.trial(t.last().config()), reached.get(t.name()));
    }
    assertEquals(expectedEpochs, trainer.trained());

    MergedRecords m = SweepTesting.records(tmp);
    assertEquals(started.size(), m.records().size(), "one record per job");
    for (RunRecord r : m.records().values()) {
      assertEquals(score(r.config(), r.config().epochs()), r.validationAccuracy());
      assertEquals(r.config().epochs(), r.epochs().size(), "a promotion's record has every epoch");
    }
    assertEquals(AshaLog.COMPLETE, AshaLog.read(AshaLog.file(tmp, Shard.ALL), Shard.ALL).ended());
    assertFalse(Files.exists(tmp.resolve(SweepStore.CHECKPOINTS).resolve(trials.get(0).id())),
        "a complete search removes its trials' checkpoints");
  }

  @Test
  void aKilledSearchResumesToTheSameDecisionsRecordsAndEpochs() {
    Path whole = tmp.resolve("whole");
    ScriptedExecutor once = executor();
    SweepTesting.run(plan(), whole, Shard.ALL, once, 1, false);
    int total = once.trained().values().stream().mapToInt(Integer::intValue).sum();

    for (int kill : new int[] {1, 4, 9, total - 1}) {
      Path dir = tmp.resolve("killed-" + kill);
      ScriptedExecutor first = executor().killAfter(kill);
      assertThrows(ScriptedExecutor.Killed.class,
          () -> SweepTesting.run(plan(), dir, Shard.ALL, first, 1, false));
      assertTrue(Files.exists(AshaLog.file(dir, Shard.ALL)), "the log was written as it went");
      ScriptedExecutor second = executor();
      SweepTesting.run(plan(), dir, Shard.ALL, second, 1, false);

      assertEquals(starts(whole, Shard.ALL), starts(dir, Shard.ALL), "killed after " + kill);
      assertEquals(results(whole), results(dir), "killed after " + kill);
      Map<String, Integer> both = new HashMap<>(first.trained());
      second.trained().forEach((k, v) -> both.merge(k, v, Integer::sum));
      assertEquals(once.trained(), both, "no epoch trained twice, killed after " + kill);
    }
  }

  @Test
  void twoWorkersPromoteAsynchronouslyAndEveryDecisionReplays() {
    SweepPlan plan = plan();
    // trials with a high learning rate are slow, so jobs end out of order
    ScriptedExecutor trainer = new ScriptedExecutor(AshaSearchTest::score,
        c -> c.learningRate() > 0.003 ? 40 : 5);
    SweepTesting.run(plan, tmp, Shard.ALL, trainer, 2, false);
    assertEquals(2, trainer.maxRunning());
    AshaLog log = AshaLog.read(AshaLog.file(tmp, Shard.ALL), Shard.ALL);
    assertEquals(AshaLog.COMPLETE, log.ended());
    // opening replays every decision against the records, and refuses one ASHA would not make
    AshaQueue replayed = AshaQueue.open(plan, Shard.ALL, tmp, SweepTesting.records(tmp),
        TimeLimit.NONE, CnnEstimator.CNN);
    assertTrue(replayed.over());
    for (Map.Entry<String, Integer> e : trainer.trained().entrySet()) {
      int top = plan.runs().stream().filter(r -> ScriptedExecutor.trial(r.config()).equals(e.getKey()))
          .filter(r -> SweepTesting.records(tmp).records().containsKey(r.id()))
          .mapToInt(r -> r.config().epochs()).max().orElseThrow();
      assertEquals(top, e.getValue(), "a trial trains to its highest rung once");
    }
  }

  @Test
  void aLogTheRecordsDoNotGiveIsRefused() throws Exception {
    SweepTesting.run(plan(), tmp, Shard.ALL, executor(), 1, false);
    Path file = AshaLog.file(tmp, Shard.ALL);
    AshaLog log = AshaLog.read(file, Shard.ALL);
    List<AshaLog.Event> swapped = new ArrayList<>(log.events());
    swapped.set(0, log.events().get(2));
    swapped.set(2, log.events().get(0));
    Files.writeString(file, Json.write(new AshaLog(log.shard(), log.ended(), swapped), 1));
    UserError e = assertThrows(UserError.class, () -> AshaQueue.open(plan(), Shard.ALL, tmp,
        SweepTesting.records(tmp), TimeLimit.NONE, CnnEstimator.CNN));
    assertTrue(e.getMessage().startsWith(file + ": event 1 starts "), e.getMessage());
    assertTrue(e.getMessage().contains("move it away"), e.getMessage());

    // moved away, the search decides again from the records, trains nothing and agrees
    Files.delete(file);
    ScriptedExecutor again = executor();
    SweepTesting.run(plan(), tmp, Shard.ALL, again, 1, false);
    assertTrue(again.trained().isEmpty(), "every job it decides has its record already");
    assertEquals(log.events(), AshaLog.read(file, Shard.ALL).events());
  }

  @Test
  void aTimeLimitStopsTheSearchAndARerunContinuesIt() {
    Path whole = tmp.resolve("whole");
    SweepTesting.run(plan(), whole, Shard.ALL, executor(), 1, false);
    double seconds = SweepTesting.records(whole).records().values().stream()
        .mapToDouble(RunRecord::wallSeconds).sum();

    Path dir = tmp.resolve("limited");
    ScriptedExecutor timed = executor();
    SweepSession s = SweepSession.open(plan(), dir, Shard.ALL, false, CnnEstimator.CNN);
    s.train(List.of(timed), new PrintStream(OutputStream.nullOutputStream()), false, "h", false,
        TimeLimit.minutes(seconds / 2 / 60, timed::nanos));
    AshaLog log = AshaLog.read(AshaLog.file(dir, Shard.ALL), Shard.ALL);
    assertEquals(AshaLog.TIME_LIMIT, log.ended());
    double spent = SweepTesting.records(dir).records().values().stream()
        .mapToDouble(RunRecord::wallSeconds).sum();
    assertTrue(spent <= seconds / 2 && spent > seconds / 4, spent + " of " + seconds);
    assertTrue(Files.isDirectory(dir.resolve(SweepStore.CHECKPOINTS)), "kept for the rerun");

    SweepTesting.run(plan(), dir, Shard.ALL, executor(), 1, false);
    assertEquals(starts(whole, Shard.ALL), starts(dir, Shard.ALL));
    assertEquals(results(whole), results(dir));
  }

  @Test
  void eachShardIsASearchOfItsOwnTrials() {
    Shard one = new Shard(1, 2, "test");
    Shard two = new Shard(2, 2, "test");
    SweepTesting.run(plan(), tmp, one, executor(), 1, false);
    SweepTesting.run(plan(), tmp, two, executor(), 1, false);
    List<String> a = starts(tmp, one).stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
    List<String> b = starts(tmp, two).stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
    assertTrue(a.stream().noneMatch(b::contains), a + " and " + b + " share a trial");
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    assertEquals(Trial.of(plan()).stream().map(Trial::name).sorted().toList(),
        all.stream().distinct().sorted().toList(), "together they draw every trial");
    for (PlannedRun r : plan().shard(one)) {
      assertTrue(plan().shard(one).stream().filter(x -> x.checkpointKey().equals(r.checkpointKey()))
          .count() == 3, "a trial's rungs stay in one shard");
    }
  }

  @Test
  void aPromotionWithoutItsCheckpointFailsInsteadOfTrainingFromScratch() {
    AtomicBoolean called = new AtomicBoolean();
    PromotionGuard guard = new PromotionGuard((c, p, f) -> {
      called.set(true);
      return new RunResult(c, RunStatus.OK, List.of(), 0.5, List.of(), List.of(), 1, null);
    }, List.of(1, 3, 5));
    RunConfig promoted = RunConfig.baseline().with("epochs", 3);
    RunResult r = guard.execute(promoted, m -> {}, new RunFiles(tmp.resolve("ckpt"), null));
    assertEquals(RunStatus.FAILED, r.status());
    assertTrue(r.error().contains("no checkpoint of epoch 1 or later"), r.error());
    assertFalse(called.get(), "not trained from scratch");
    assertEquals(RunStatus.OK, guard.execute(promoted.with("epochs", 1), m -> {},
        new RunFiles(tmp.resolve("ckpt"), null)).status(), "a new trial needs none");
  }
}
