package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.UserError;
import cifar.config.RunConfig;
import cifar.json.Json;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after an epoch and started again from its checkpoint ends exactly where the same
 * run trained in one go ends: the same parameters to the bit, the same losses and accuracies.
 */
class CheckpointsTest {
  private static CnnRunExecutor executor;

  @BeforeAll
  static void start() {
    executor = new CnnRunExecutor(ColourData.dataset(400, 100),
        new ExecutionOptions("cpu", 1, TrainingProgress.NONE));
  }

  @AfterAll
  static void stop() {
    executor.close();
  }

  /** Thrown by a listener to stop a run between epochs, as a kill would. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super("stopped after an epoch");
    }
  }

  private static RunResult interruptedThenResumed(RunConfig c, Path dir, int stopAfter) {
    RunFiles files = new RunFiles(dir.resolve("ckpt"), dir.resolve("resumed.params"));
    assertThrows(Stop.class, () -> executor.execute(c, m -> {
      if (m.epoch() == stopAfter) {
        throw new Stop();
      }
    }, files));
    assertEquals(List.of(stopAfter), new Checkpoints(files.checkpoints()).epochs());
    return executor.execute(c, m -> {}, files);
  }

  private static void assertSameRun(RunResult expected, RunResult actual, Path dir)
      throws IOException {
    assertEquals(expected.status(), actual.status(), actual.error());
    assertEquals(expected.epochs().size(), actual.epochs().size());
    for (int e = 0; e < expected.epochs().size(); e++) {
      EpochMetrics a = expected.epochs().get(e);
      EpochMetrics b = actual.epochs().get(e);
      assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (e + 1) + " loss");
      assertEquals(a.trainAccuracy(), b.trainAccuracy(), "epoch " + (e + 1));
      assertEquals(a.testAccuracy(), b.testAccuracy(), "epoch " + (e + 1));
    }
    assertEquals(expected.testAccuracy(), actual.testAccuracy());
    assertEquals(expected.perClassAccuracy(), actual.perClassAccuracy());
    assertArrayEquals(Files.readAllBytes(dir.resolve("whole.params")),
        Files.readAllBytes(dir.resolve("resumed.params")), "parameters differ");
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOneToTheBit(@TempDir Path dir) throws IOException {
    RunConfig c = RunConfig.baseline().with("epochs", 3).with("batch_size", 8);
    RunResult whole = executor.execute(c, m -> {}, new RunFiles(null, dir.resolve("whole.params")));
    assertSameRun(whole, interruptedThenResumed(c, dir, 1), dir);
  }

  @Test
  void dropoutMasksContinueFromWhereTheyStopped(@TempDir Path dir) throws IOException {
    RunConfig c = RunConfig.baseline().with("epochs", 3).with("batch_size", 8)
        .with("dropout", 0.3);
    RunResult whole = executor.execute(c, m -> {}, new RunFiles(null, dir.resolve("whole.params")));
    assertSameRun(whole, interruptedThenResumed(c, dir, 2), dir);
  }

  @Test
  void aCheckpointOfTheLastEpochFinishesWithoutTraining(@TempDir Path dir) throws IOException {
    RunConfig c = RunConfig.baseline().with("epochs", 2).with("batch_size", 8);
    RunResult whole = executor.execute(c, m -> {}, new RunFiles(null, dir.resolve("whole.params")));
    assertSameRun(whole, interruptedThenResumed(c, dir, 2), dir);
  }

  @Test
  void aRunAskedForMoreEpochsContinuesToTheBitsOfOneTrainedThatLong(@TempDir Path dir)
      throws IOException {
    RunConfig three = RunConfig.baseline().with("epochs", 3).with("batch_size", 8)
        .with("dropout", 0.2);
    RunResult whole = executor.execute(three, m -> {},
        new RunFiles(null, dir.resolve("whole.params")));
    RunFiles files = new RunFiles(dir.resolve("ckpt"), dir.resolve("resumed.params"));
    RunResult one = executor.execute(three.with("epochs", 1), m -> {}, files);
    assertEquals(1, one.epochs().size());
    List<Integer> trained = new ArrayList<>();
    RunResult promoted = executor.execute(three, m -> trained.add(m.epoch()), files);
    assertEquals(List.of(1, 2, 3), trained, "epoch 1 reported from the checkpoint, then 2 and 3");
    assertEquals(one.epochs().get(0), promoted.epochs().get(0), "epoch 1 was not trained again");
    assertSameRun(whole, promoted, dir);
  }

  @Test
  void aCheckpointPastTheEpochsAskedForIsRefused(@TempDir Path dir) {
    RunConfig c = RunConfig.baseline().with("epochs", 2).with("batch_size", 8);
    RunFiles files = new RunFiles(dir.resolve("ckpt"), null);
    executor.execute(c, m -> {}, files);
    UserError e = assertThrows(UserError.class,
        () -> executor.execute(c.with("epochs", 1), m -> {}, files));
    assertTrue(e.getMessage().contains("after epoch 2 of a run asked for 1"), e.getMessage());
  }

  @Test
  void aCheckpointOfAnotherRunIsRefused(@TempDir Path dir) throws IOException {
    RunConfig c = RunConfig.baseline().with("epochs", 2).with("batch_size", 8);
    RunFiles files = new RunFiles(dir.resolve("ckpt"), null);
    assertThrows(Stop.class, () -> executor.execute(c, m -> {
      throw new Stop();
    }, files));
    JsonObject saved = Json.parseStrict(
        Files.readString(files.checkpoints().resolve("epoch-1.json"))).getAsJsonObject();
    assertEquals(Checkpoints.FORMAT, saved.get("format").getAsInt());
    assertEquals(1, saved.get("shuffles").getAsInt());
    UserError e = assertThrows(UserError.class,
        () -> executor.execute(c.with("seed", 2), m -> {}, files));
    assertTrue(e.getMessage().contains("a checkpoint of another run"), e.getMessage());
  }

  @Test
  void aDamagedCheckpointIsNamedNotTrainedOver(@TempDir Path dir) throws IOException {
    RunConfig c = RunConfig.baseline().with("epochs", 2).with("batch_size", 8);
    RunFiles files = new RunFiles(dir.resolve("ckpt"), null);
    assertThrows(Stop.class, () -> executor.execute(c, m -> {
      throw new Stop();
    }, files));
    Path json = files.checkpoints().resolve("epoch-1.json");
    Files.writeString(json, Files.readString(json).substring(0, 40));
    UserError e = assertThrows(UserError.class, () -> executor.execute(c, m -> {}, files));
    assertTrue(e.getMessage().startsWith(json + ": damaged checkpoint"), e.getMessage());
  }
}
