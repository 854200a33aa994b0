package cifar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.cli.Cli.Result;
import cifar.provenance.Machine;
import cifar.sweep.plan.Shard;
import cifar.sweep.run.FakeExecutor;
import cifar.sweep.run.StackingExecutor;
import cifar.sweep.store.SweepLock;
import cifar.sweep.store.SweepStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep and report commands on a cheap trainer: arguments, exit codes, files written. */
class SweepCommandTest {
  @TempDir Path tmp;

  private final FakeExecutor fake = new FakeExecutor(c -> c.fcActivation().equals("sigmoid"), 0);
  private final List<String> opened = new ArrayList<>();

  private Result sweep(String... args) {
    return Cli.run(new SweepCommand(s -> {
      opened.add(s.device() + " " + s.threadsPerRun() + "x" + s.parallel());
      return fake;
    }), args);
  }

  private Path file(String yaml) throws Exception {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void dryRunListsEveryRunWithItsIdAndTrainsNothing() {
    Result r = sweep("hyperparams/study.yaml", "--dry-run", "--repeats", "2", "--out", tmp.resolve("s").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("24 runs in sweep 'study' (12 configs × 2 seeds); 24 without a record would be trained."), r.out());
    assertTrue(r.out().contains("ea9194e0dec8  baseline"), "the baseline's id, seed 1:\n" + r.out());
    assertTrue(r.out().contains("conv_channels=[15, 20, 25], dropout=0.2"), r.out());
    assertTrue(opened.isEmpty(), "a dry run loads no trainer");
    assertFalse(Files.exists(tmp.resolve("s")), "and writes nothing");
  }

  @Test
  void dryRunOfASearchListsTheTrialsItDrawsAndWhatItWillSpend() throws Exception {
    Path f = file("""
        name: s
        search:
          method: asha
          trials: 9
          space:
            lr: {log_uniform: [0.0005, 0.01]}
            conv_channels: {layers: {choice: [2, 3]}, each: {int: [6, 24]}}
        """);
    Result r = sweep(f.toString(), "--dry-run", "--out", tmp.resolve("s").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("search 's': asha over 9 trials (seed 1), ranked on the last"
        + " 5,000 training images, held out"), r.out());
    assertTrue(r.out().contains("rungs: [1, 3, 5] epochs; each rung promotes its top 1/3"), r.out());
    assertTrue(r.out().contains("trial-009  "), r.out());
    assertTrue(r.out().contains("budget: about ") && r.out().contains("every trial to 5 epochs"
        + " would be 2,025,000 image-epochs"), r.out());
    assertTrue(r.out().contains("the study's one-factor sweep (hyperparams/study.yaml), one seed:"
        + " 3,000,000 image-epochs"), r.out());
    assertTrue(opened.isEmpty(), "a dry run loads no trainer");

    Result random = sweep(f.toString(), "--dry-run", "--method", "random");
    assertTrue(random.out().startsWith("search 's-random': random over 9 trials"), random.out());
    assertTrue(random.out().contains("every trial trains 5 epochs"), random.out());
    assertTrue(random.out().contains("budget: 2,025,000 image-epochs"), random.out());

    Result typo = sweep(f.toString(), "--dry-run", "--method", "ahsa");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("--method: value 'ahsa' is not a search method (did you mean"
        + " 'asha'?)"), typo.err());
    Result plain = sweep("hyperparams/study.yaml", "--dry-run", "--method", "random");
    assertEquals(2, plain.code());
    assertTrue(plain.err().contains("has no 'search:'"), plain.err());
  }

  @Test
  void aTypoStopsWithFileLineAndKeyAndExitCode2() throws Exception {
    Path f = file("runs:\n  - name: a\n    set: {batchsize: 8}\n");
    Result r = sweep(f.toString(), "--out", tmp.resolve("s").toString());
    assertEquals(2, r.code());
    assertEquals("error: " + f + ":3: unknown key 'batchsize' (did you mean 'batch_size'?)", r.err().trim());
    assertTrue(opened.isEmpty());
  }

  @Test
  void aShardThatDoesNotExistIsABadArgument() {
    Result r = sweep("hyperparams/study.yaml", "--shard", "3/2", "--dry-run");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("shard 3/2 (--shard 3/2) does not exist"), r.err());
  }

  @Test
  void countsBelowOneAreBadArgumentsNamingOptionAndValue() {
    Path out = tmp.resolve("s");
    String[][] cases = {
      {"--repeats", "0"}, {"--epochs", "0"}, {"--train-limit", "0"}, {"--test-limit", "-5"},
      {"--shard-count", "0"}, {"--parallel", "0"}, {"--cores", "0"}, {"--cores", "-2"},
    };
    for (String[] c : cases) {
      Result r = sweep("hyperparams/study.yaml", c[0], c[1], "--out", out.toString());
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.out());
      assertEquals("error: " + c[0] + ": value '" + c[1] + "' must be at least 1", r.err().trim());
    }
    assertTrue(opened.isEmpty(), "no trainer opened");
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void theOldThreadsOptionIsRefusedNamingCores() {
    Path out = tmp.resolve("s");
    Result r = sweep("hyperparams/study.yaml", "--threads", "4", "--out", out.toString());
    assertEquals(2, r.code(), r.out());
    assertEquals("error: --threads 4: the cores a sweep uses in total are --cores N now (each run"
        + " gets N / P threads); --threads is PyTorch's threads of one process, as on train",
        r.err().trim());
    assertTrue(opened.isEmpty(), "no trainer opened");
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void defaultParallelIsOneRunPerCoreOnCpuAndOnePerGpuOnGpus() {
    assertEquals(2, SweepCommand.defaultParallel(null, null, 2, 0));
    assertEquals(16, SweepCommand.defaultParallel("auto", null, 16, 0));
    assertEquals(4, SweepCommand.defaultParallel("cpu", null, 4, 8));
    assertEquals(8, SweepCommand.defaultParallel("auto", null, 16, 8));
    assertEquals(1, SweepCommand.defaultParallel("gpu:1", null, 16, 8));
    // --gpus K: each run is data-parallel on K GPUs, so one run per group of K.
    assertEquals(4, SweepCommand.defaultParallel("auto", "2", 16, 8));
    assertEquals(2, SweepCommand.defaultParallel("auto", "3", 16, 8));
    assertEquals(1, SweepCommand.defaultParallel("auto", "all", 16, 8));
  }

  @Test
  void withoutParallelACpuSweepTrainsOneSingleThreadedRunPerCore() throws Exception {
    Path f = file("name: two\nruns:\n  - name: a\n  - name: b\n    set: {lr: 0.002}\n");
    Result r = sweep(f.toString(), "--epochs", "1", "--out", tmp.resolve("two").toString(),
        "--cores", "2", "--device", "cpu");
    assertTrue(r.out().contains("(2 at once, 1 thread each)"), r.out() + r.err());
    assertEquals(List.of("cpu 1x2"), opened);
  }

  @Test
  void sweepTrainsRecordsReportsAndResumes() throws Exception {
    Path f = file("name: mini\nreference_accuracy: 0.62\nruns:\n  - name: baseline\n    reported: 0.62\n"
        + "  - name: sig\n    set: {fc_activation: sigmoid}\n  - name: fast\n    set: {lr: 0.002}\n");
    Path out = tmp.resolve("mini");
    Result r = sweep(f.toString(), "--epochs", "2", "--out", out.toString(), "--parallel", "2", "--cores", "4", "--device", "cpu");
    assertEquals(1, r.code(), "a failed run makes the exit code 1:\n" + r.out() + r.err());
    assertEquals(List.of("cpu 2x2"), opened);
    assertTrue(r.out().contains("| baseline | — | 1 | 40.2 (n=1) | — | (baseline) | — | — | — | -21.8 | 62.0 | — | 2 |"), r.out());
    assertTrue(r.out().contains("failed 1"), r.out());
    for (String name : List.of("results.md", "results.csv", "results.json", "records.json", "accuracy.png",
        "accuracy-per-epoch.png", SweepStore.PLAN_FILE)) {
      assertTrue(Files.size(out.resolve(name)) > 100, name);
    }
    assertEquals(3, SweepStore.recordFiles(out).size());

    opened.clear();
    Result again = sweep(f.toString(), "--epochs", "2", "--out", out.toString());
    assertTrue(again.out().contains("3 runs, 3 already recorded, 0 to train"), again.out());
    assertTrue(opened.isEmpty(), "nothing to train: no trainer, no data loaded");
    assertEquals(3, fake.calls().size());

    Result report = Cli.run(new ReportCommand(), out.toString(), "--out", tmp.resolve("rep").toString());
    assertEquals(0, report.code(), report.err());
    assertTrue(Files.readString(tmp.resolve("rep/results.md")).contains("| fast | lr=0.002 | 1 | 40.3 (n=1) | — | +0.1 |"));
  }

  @Test
  void aSecondSweepOnTheSameDirectoryStopsAtOnceNamingTheHolder() throws Exception {
    Path f = file("name: two\nruns:\n  - name: a\n  - name: b\n    set: {lr: 0.002}\n");
    Path out = tmp.resolve("two");
    try (SweepLock held = SweepLock.acquire(out, Shard.ALL, Machine.host())) {
      Result r = sweep(f.toString(), "--epochs", "1", "--out", out.toString(), "--device", "cpu");
      assertEquals(2, r.code(), r.out());
      assertTrue(r.err().contains(held.file() + " is held by pid " + ProcessHandle.current().pid()
          + " on host " + Machine.host() + " (started "), r.err());
      assertTrue(opened.isEmpty(), "no trainer opened");
      assertFalse(Files.exists(out.resolve(SweepStore.PLAN_FILE)), "nothing written");
      Result dry = sweep(f.toString(), "--epochs", "1", "--out", out.toString(), "--dry-run");
      assertEquals(0, dry.code(), "a dry run takes no lock: " + dry.err());
    }
    Result r = sweep(f.toString(), "--epochs", "1", "--out", out.toString(), "--device", "cpu");
    assertEquals(0, r.code(), r.err());
    try (var locks = Files.list(out.resolve(SweepLock.DIR))) {
      assertEquals(0, locks.count(), "the sweep released its lock");
    }
  }

  @Test
  void aCorruptRecordIsNamedByReportAndSetAsideBySweep() throws Exception {
    Path f = file("name: two\nruns:\n  - name: a\n  - name: b\n    set: {lr: 0.002}\n");
    Path out = tmp.resolve("two");
    assertEquals(0, sweep(f.toString(), "--epochs", "1", "--out", out.toString(), "--device", "cpu").code());
    Path record = SweepStore.recordFiles(out).get(0);
    Files.writeString(record, "{\"format\": 1, \"sweep\": \"two\"");

    Result report = Cli.run(new ReportCommand(), out.toString(), "--out", tmp.resolve("rep").toString());
    assertEquals(0, report.code(), report.err());
    assertEquals("warning: 1 corrupt record file(s), not counted: " + record + " (a sweep in the"
        + " directory moves them to records/corrupt/ and trains their runs again)", report.err().trim());
    assertTrue(Files.exists(record), "report moves nothing");

    Result r = sweep(f.toString(), "--epochs", "1", "--out", out.toString(), "--device", "cpu");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("warning: " + record + " is corrupt (not a run record"), r.err());
    assertTrue(r.out().contains("2 runs, 1 already recorded, 1 to train"), r.out());
    assertTrue(Files.exists(out.resolve("records/corrupt").resolve(record.getFileName())));
    assertEquals(2, SweepStore.recordFiles(out).size());
  }

  /** The run ids a listing names, one per line that starts with one. */
  private static List<String> listed(String listing) {
    return listing.lines().filter(l -> l.matches("^[0-9a-f]{12}  .*")).map(l -> l.substring(0, 12))
        .sorted().toList();
  }

  @Test
  void theDryRunOfEachShardListsItsGroupsWholeAndIsWhatTheShardTrains() throws Exception {
    Path f = file("name: g\nruns:\n  - name: a\n  - name: b\n    set: {lr: 0.002}\n"
        + "  - name: c\n    set: {lr: 0.004}\n");
    Path out = tmp.resolve("g");
    StackingExecutor stacking = new StackingExecutor(8);
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      String shard = i + "/2";
      Result dry = sweep(f.toString(), "--epochs", "1", "--repeats", "3", "--out", out.toString(),
          "--shard", shard, "--dry-run");
      assertEquals(0, dry.code(), dry.err());
      assertTrue(dry.out().contains(" of seeds (at most 8 each), dealt to shards whole: each"
          + " trains as one stack where the trainer can (else one run at a time)."), dry.out());
      assertTrue(dry.out().lines().filter(l -> l.matches("^[0-9a-f]{12}  .*"))
          .allMatch(l -> l.matches("[0-9a-f]{12}  [abc] +[1-3]  stack-[0-9a-f]{12} [1-3]/3  .*")),
          "each run with its group and place:\n" + dry.out());
      assertEquals(0, listed(dry.out()).size() % 3, "whole groups only:\n" + dry.out());
      List<String> before = SweepStore.recordFiles(out).stream()
          .map(p -> p.getFileName().toString().substring(0, 12)).toList();
      Result r = Cli.run(new SweepCommand(s -> stacking), f.toString(), "--epochs", "1",
          "--repeats", "3", "--out", out.toString(), "--shard", shard, "--device", "cpu");
      assertEquals(0, r.code(), r.err());
      List<String> trained = SweepStore.recordFiles(out).stream()
          .map(p -> p.getFileName().toString().substring(0, 12))
          .filter(id -> !before.contains(id)).sorted().toList();
      assertEquals(listed(dry.out()), trained, "shard " + shard + " trains what its dry run lists");
      all.addAll(trained);
    }
    assertEquals(9, all.size());
    assertEquals(3, stacking.groups().size(), "each group trained once, stacked");
    Result dry = sweep(f.toString(), "--epochs", "1", "--repeats", "3", "--out", out.toString(),
        "--dry-run", "--json");
    assertTrue(dry.out().contains("\"stack\": {"), dry.out());
  }

  @Test
  void noStackTrainsEveryRunAlone() throws Exception {
    Path f = file("name: n\nruns:\n  - name: a\n");
    StackingExecutor stacking = new StackingExecutor(8);
    Result dry = sweep(f.toString(), "--repeats", "2", "--no-stack", "--dry-run");
    assertTrue(dry.out().contains("1 group of seeds (at most 8 each), dealt to shards whole;"
        + " --no-stack trains every run alone."), dry.out());
    Result r = Cli.run(new SweepCommand(s -> stacking), f.toString(), "--epochs", "1",
        "--repeats", "2", "--no-stack", "--out", tmp.resolve("n").toString(), "--device", "cpu");
    assertEquals(0, r.code(), r.err());
    assertTrue(stacking.groups().isEmpty());
    assertEquals(2, stacking.alone().size());
  }

  @Test
  void reportOfADirectoryWithoutASweepSaysSo() {
    Result r = Cli.run(new ReportCommand(), tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is not a sweep directory: it has no sweep.json"), r.err());
  }
}
