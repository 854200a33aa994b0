package cifar.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CnnRunExecutorTest {
  private static CnnRunExecutor executor;

  @BeforeAll
  static void start() {
    executor = new CnnRunExecutor(ColourData.dataset(600, 200),
        new ExecutionOptions("cpu", 0, TrainingProgress.NONE));
  }

  @AfterAll
  static void stop() {
    executor.close();
  }

  private static RunConfig config(int epochs) {
    return RunConfig.baseline().with("epochs", Integer.toString(epochs));
  }

  @Test
  void twoEpochsOnColourDataEndWellAboveChance() {
    List<EpochMetrics> seen = new ArrayList<>();
    RunResult r = executor.execute(config(2).with("lr", "0.003"), seen::add);
    assertEquals(RunStatus.OK, r.status(), r.error());
    assertEquals(2, r.epochs().size());
    assertEquals(r.epochs(), seen);
    assertTrue(r.testAccuracy() > 0.6, "test accuracy " + r.testAccuracy());
    EpochMetrics first = r.epochs().get(0);
    EpochMetrics second = r.epochs().get(1);
    assertTrue(second.trainLoss() < first.trainLoss(), first + " then " + second);
    assertTrue(first.trainLoss() > 0 && first.seconds() > 0 && first.imagesPerSecond() > 0);
    assertEquals(second.testAccuracy(), r.testAccuracy());
    assertEquals(10, r.perClassAccuracy().size());
    double mean = r.perClassAccuracy().stream().mapToDouble(Double::doubleValue).average()
        .orElseThrow();
    assertTrue(Math.abs(mean - r.testAccuracy()) < 0.15, "per class " + r.perClassAccuracy());
    // the confusion matrix: its rows count each class's test images, its diagonal is per class
    int images = 0;
    int right = 0;
    for (int t = 0; t < 10; t++) {
      List<Integer> row = r.confusion().get(t);
      int ofClass = row.stream().mapToInt(Integer::intValue).sum();
      assertEquals(r.perClassAccuracy().get(t), row.get(t) / (double) ofClass, 1e-12, "class " + t);
      images += ofClass;
      right += row.get(t);
    }
    assertEquals(200, images);
    assertEquals(r.testAccuracy(), right / 200.0, 1e-12);
  }

  @Test
  void sameSeedGivesTheSameNumbersAndParameters(@TempDir Path dir) throws IOException {
    RunConfig c = config(1).with("batch_size", "8");
    RunResult a = executor.execute(c, m -> {}, new RunFiles(null, dir.resolve("a.params")));
    RunResult b = executor.execute(c, m -> {}, new RunFiles(null, dir.resolve("b.params")));
    RunResult other = executor.execute(c.with("seed", "7"), m -> {}, new RunFiles(null, dir.resolve("c.params")));
    EpochMetrics ma = a.epochs().get(0);
    EpochMetrics mb = b.epochs().get(0);
    assertEquals(ma.trainLoss(), mb.trainLoss());
    assertEquals(ma.trainAccuracy(), mb.trainAccuracy());
    assertEquals(ma.testAccuracy(), mb.testAccuracy());
    assertEquals(a.perClassAccuracy(), b.perClassAccuracy());
    byte[] pa = Files.readAllBytes(dir.resolve("a.params"));
    byte[] pb = Files.readAllBytes(dir.resolve("b.params"));
    assertTrue(Arrays.equals(pa, pb), "parameters differ between equal runs");
    assertNotEquals(ma.trainLoss(), other.epochs().get(0).trainLoss());
  }

  @Test
  void aHugeLearningRateEndsAsDivergedWithTheLastGoodEpoch() {
    RunResult r = executor.execute(config(2).with("lr", "1e6"), m -> {});
    assertEquals(RunStatus.DIVERGED, r.status());
    assertTrue(r.error().contains("loss"), r.error());
    assertTrue(r.epochs().isEmpty(), "no good epoch expected: " + r.epochs());
    assertTrue(Double.isNaN(r.testAccuracy()));
  }

  @Test
  void savedParametersEvaluateToTheRunsTestAccuracy(@TempDir Path dir) {
    RunConfig c = config(1).with("dropout", "0.2");
    Path params = dir.resolve("model.params");
    RunResult r = executor.execute(c, m -> {}, new RunFiles(null, params));
    Evaluation e = TrainedModel.evaluate(c, params, ColourData.split(200, 2),
        new ExecutionOptions("cpu", 0, null));
    assertEquals(r.testAccuracy(), e.accuracy());
    assertEquals(r.perClassAccuracy(), e.perClass());
  }

  @Test
  void limitsAndOddBatchSizesTrainOnTheRequestedImages() {
    List<Double> speeds = new ArrayList<>();
    RunResult r = executor.execute(
        config(1).with("train_limit", "101").with("test_limit", "50").with("batch_size", "32"),
        m -> speeds.add(m.imagesPerSecond() * m.seconds()));
    assertEquals(RunStatus.OK, r.status(), r.error());
    assertEquals(101, speeds.get(0), 1e-6);
  }
}
