package cifar.sweep.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.search.run.AshaLog;
import cifar.sweep.plan.Shard;
import cifar.sweep.store.RunRecord;
import cifar.sweep.store.SweepStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ASHA search process killed with SIGKILL while a promoted trial trains, then run again:
 * it takes the search up where it stopped and ends with the decisions, accuracies and models of
 * a search that was never killed, to the bit.
 */
class AshaKillTest {
  @TempDir Path tmp;

  @Test
  void aSearchKilledDuringAPromotionEndsAsOneNeverKilled() throws Exception {
    Path data = TinyCifar.write(tmp.resolve("data"), 200, 200);
    Path file = tmp.resolve("asha.yaml");
    Files.writeString(file, """
        name: asha
        baseline: {batch_size: 8}
        search:
          method: asha
          trials: 4
          seed: 2
          validation: 200
          max_epochs: 3
          reduction_factor: 2
          space:
            lr: {log_uniform: [0.001, 0.02]}
            dropout: {uniform: [0, 0.3]}
        """);
    Path whole = tmp.resolve("runs/whole");
    Process reference = SweepKillTest.sweep(file, data, whole, tmp.resolve("whole.log"),
        "--parallel", "1");
    assertTrue(reference.waitFor(5, TimeUnit.MINUTES), "the uninterrupted search finished");
    assertEquals(0, reference.exitValue(), Files.readString(tmp.resolve("whole.log")));

    Path out = tmp.resolve("runs/killed");
    Path log = AshaLog.file(out, Shard.ALL);
    Process first = SweepKillTest.sweep(file, data, out, tmp.resolve("first.log"),
        "--parallel", "1");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!(Files.exists(log) && Files.readString(log).contains("\"epochs\": 2"))) {
      assertTrue(first.isAlive(), "ended before its first promotion: "
          + Files.readString(tmp.resolve("first.log")));
      assertTrue(System.nanoTime() < deadline, "no promotion after 3 minutes");
      Thread.sleep(5);
    }
    SweepKillTest.killMinus9(first);
    assertTrue(!AshaLog.COMPLETE.equals(AshaLog.read(log, Shard.ALL).ended()), "killed mid-search");

    Process second = SweepKillTest.sweep(file, data, out, tmp.resolve("second.log"),
        "--parallel", "1");
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the resumed search finished");
    assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("second.log")));

    assertEquals(AshaLog.read(AshaLog.file(whole, Shard.ALL), Shard.ALL).events(),
        AshaLog.read(log, Shard.ALL).events(), "the same decisions in the same order");
    Map<String, RunRecord> expected = SweepTesting.records(whole).records();
    Map<String, RunRecord> resumed = SweepTesting.records(out).records();
    assertEquals(new TreeMap<>(expected).keySet(), new TreeMap<>(resumed).keySet());
    for (Map.Entry<String, RunRecord> e : expected.entrySet()) {
      RunRecord a = e.getValue();
      RunRecord b = resumed.get(e.getKey());
      assertEquals(a.validationAccuracy(), b.validationAccuracy(), a.name());
      assertEquals(a.testAccuracy(), b.testAccuracy(), a.name());
      assertEquals(a.epochs().stream().map(m -> m.trainLoss()).toList(),
          b.epochs().stream().map(m -> m.trainLoss()).toList(), a.name());
      Path params = Path.of(a.id(), "model.params");
      assertArrayEquals(Files.readAllBytes(whole.resolve(SweepStore.MODELS).resolve(params)),
          Files.readAllBytes(out.resolve(SweepStore.MODELS).resolve(params)), a.name());
    }
  }
}
