package cifar.sweep.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.sweep.store.MergedRecords;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepLock;
import cifar.sweep.store.SweepStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep process killed with SIGKILL in the middle of a run, then started again: the runs
 * finished before the kill are kept as they were and skipped, the rest are trained, and no run
 * is lost or recorded twice; and a run killed between two epochs continues from its checkpoint
 * and ends with the bits of a run that was never killed.
 */
class SweepKillTest {
  private static final int RUNS = 8;

  @TempDir Path tmp;

  @Test
  void resumeAfterKillMinus9SkipsFinishedRunsAndLosesNone() throws Exception {
    Path data = TinyCifar.write(tmp.resolve("data"), 200, 200);
    Path file = tmp.resolve("kill.yaml");
    Files.writeString(file, """
        name: kill
        baseline: {epochs: 3, batch_size: 4}
        grids:
          - name: g
            grid: {lr: [0.001, 0.002], momentum: [0.5, 0.6, 0.7, 0.8]}
        """);
    Path out = tmp.resolve("runs/kill");
    Path records = out.resolve("records");

    Process first = sweep(file, data, out, tmp.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (recordCount(records) == 0) {
      assertTrue(first.isAlive(), "the sweep ended before its first record: " + Files.readString(tmp.resolve("first.log")));
      assertTrue(System.nanoTime() < deadline, "no record after 3 minutes");
      Thread.sleep(20);
    }
    killMinus9(first);
    Map<String, String> before = contents(records);
    assertTrue(before.size() < RUNS, "killed in the middle of the sweep, after " + before.size() + " runs");

    assertTrue(Files.exists(out.resolve(SweepLock.DIR).resolve("shard-1-of-1.lock")),
        "kill -9 runs no shutdown hook: the lock stays behind, stale");

    Process second = sweep(file, data, out, tmp.resolve("second.log"));
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the resumed sweep finished");
    String log = Files.readString(tmp.resolve("second.log"));
    assertEquals(0, second.exitValue(), log);
    assertTrue(log.contains("note: took over the stale lock"), log);
    assertFalse(Files.exists(out.resolve(SweepLock.DIR).resolve("shard-1-of-1.lock")), "released");
    assertTrue(log.contains(RUNS + " runs, " + before.size() + " already recorded, "
        + (RUNS - before.size()) + " to train"), log);

    Map<String, String> after = contents(records);
    assertEquals(RUNS, after.size(), "every run recorded once (one file per run id)");
    before.forEach((id, json) -> assertEquals(json, after.get(id), "run " + id + " was not trained again"));
    MergedRecords m = SweepTesting.records(out);
    assertTrue(m.refused().isEmpty(), "no torn record: " + m.refused());
    assertTrue(m.missing().isEmpty());
  }

  @Test
  void aRunKilledBetweenEpochsContinuesFromItsCheckpointToTheSameBits() throws Exception {
    Path data = TinyCifar.write(tmp.resolve("data"), 400, 200);
    Path file = tmp.resolve("one.yaml");
    Files.writeString(file, """
        name: one
        baseline: {epochs: 4, batch_size: 4, dropout: 0.2}
        runs:
          - name: baseline
        """);
    Path whole = tmp.resolve("runs/whole");
    Process reference = sweep(file, data, whole, tmp.resolve("whole.log"));
    assertTrue(reference.waitFor(5, TimeUnit.MINUTES), "the uninterrupted sweep finished");
    assertEquals(0, reference.exitValue(), Files.readString(tmp.resolve("whole.log")));
    RunRecord expected = SweepTesting.records(whole).records().values().iterator().next();

    Path out = tmp.resolve("runs/killed");
    Path checkpoints = out.resolve(SweepStore.CHECKPOINTS).resolve(expected.id());
    Process first = sweep(file, data, out, tmp.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(checkpoints.resolve("epoch-1.json"))) {
      assertTrue(first.isAlive(), "ended before its first checkpoint: " + Files.readString(tmp.resolve("first.log")));
      assertTrue(System.nanoTime() < deadline, "no checkpoint after 3 minutes");
      Thread.sleep(5);
    }
    killMinus9(first);
    assertEquals(0, recordCount(out.resolve("records")), "killed before the run finished");

    Process second = sweep(file, data, out, tmp.resolve("second.log"));
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the resumed sweep finished");
    assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("second.log")));
    RunRecord resumed = SweepTesting.records(out).records().get(expected.id());
    assertEquals(expected.epochs().size(), resumed.epochs().size());
    for (int e = 0; e < expected.epochs().size(); e++) {
      assertEquals(expected.epochs().get(e).trainLoss(), resumed.epochs().get(e).trainLoss(), "epoch " + (e + 1));
      assertEquals(expected.epochs().get(e).testAccuracy(), resumed.epochs().get(e).testAccuracy(), "epoch " + (e + 1));
    }
    assertEquals(expected.testAccuracy(), resumed.testAccuracy());
    assertEquals(expected.perClassAccuracy(), resumed.perClassAccuracy());
    Path params = Path.of(expected.id(), "model.params");
    assertArrayEquals(Files.readAllBytes(whole.resolve(SweepStore.MODELS).resolve(params)),
        Files.readAllBytes(out.resolve(SweepStore.MODELS).resolve(params)), "parameters differ");
    assertTrue(!Files.exists(checkpoints), "a finished run's checkpoints are removed");
  }

  /**
   * SIGKILL to the process, and waits until it and every process under it are gone: cifar.jar's
   * relaunched JVM (cifar.launch.Relaunch) dies with the first through the kernel, but holds its
   * sweep lock until it has been reaped, which init may do a moment after the first is.
   */
  static void killMinus9(Process p) throws Exception {
    List<ProcessHandle> below = p.descendants().toList();
    p.destroyForcibly().waitFor();
    for (ProcessHandle h : below) {
      h.onExit().get(60, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code cifar sweep FILE} in a JVM of its own, on one CPU thread. */
  static Process sweep(Path file, Path data, Path out, Path log, String... more) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx2g", "-Dai.djl.offline=true",
        "cifar.cli.Main", "sweep", file.toString(), "--data-dir", data.toString(),
        "--out", out.toString(), "--device", "cpu", "--cores", "1"));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static int recordCount(Path records) {
    File[] files = records.toFile().listFiles((d, name) -> name.matches("[0-9a-f]+\\.json"));
    return files == null ? 0 : files.length;
  }

  private static Map<String, String> contents(Path records) throws Exception {
    Map<String, String> m = new HashMap<>();
    for (Path p : SweepStore.recordFiles(records.getParent())) {
      m.put(p.getFileName().toString(), Files.readString(p));
    }
    return m;
  }
}
