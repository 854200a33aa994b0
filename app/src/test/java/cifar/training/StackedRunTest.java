package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs trained together through {@link CnnRunExecutor#executeStacked} on the colour data: each
 * member as its separate run (close, since sums are ordered differently), the same bits on every
 * rerun and after a resume, a diverging member kept from the others, and parameter files that
 * {@code evaluate} reads.
 */
class StackedRunTest {
  private static final CifarDataset DATA = ColourData.dataset(400, 100);
  private static final ExecutionOptions OPTIONS =
      new ExecutionOptions("cpu", 1, TrainingProgress.NONE);
  private static CnnRunExecutor executor;

  @BeforeAll
  static void start() {
    executor = new CnnRunExecutor(DATA, OPTIONS);
  }

  @AfterAll
  static void stop() {
    executor.close();
  }

  static List<RunConfig> seeds(RunConfig base, int k) {
    List<RunConfig> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(base.with("seed", 11 + i));
    }
    return out;
  }

  static RunConfig base(int epochs) {
    return RunConfig.baseline().with("epochs", epochs).with("lr", "0.003");
  }

  static StackFiles files(Path dir, String name, int k, boolean checkpoints) {
    List<Path> params = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      params.add(dir.resolve(name + "-" + i + ".params"));
    }
    return new StackFiles(checkpoints ? dir.resolve(name + "-ckpt") : null, params);
  }

  static List<RunResult> stacked(List<RunConfig> configs, StackFiles files) {
    return executor.executeStacked(configs,
        Collections.nCopies(configs.size(), m -> {}), files);
  }

  /** Every number of two results but the seconds, to the bit; and their parameter files. */
  static void assertSameRun(RunResult a, RunResult b, Path pa, Path pb) throws IOException {
    assertEquals(a.status(), b.status(), b.error());
    assertEquals(a.epochs().size(), b.epochs().size());
    for (int e = 0; e < a.epochs().size(); e++) {
      EpochMetrics x = a.epochs().get(e);
      EpochMetrics y = b.epochs().get(e);
      assertEquals(x.trainLoss(), y.trainLoss(), "epoch " + (e + 1) + " loss");
      assertEquals(x.trainAccuracy(), y.trainAccuracy(), "epoch " + (e + 1));
      assertEquals(x.testAccuracy(), y.testAccuracy(), "epoch " + (e + 1));
      assertEquals(x.validationAccuracy(), y.validationAccuracy(), "epoch " + (e + 1));
    }
    assertEquals(a.perClassAccuracy(), b.perClassAccuracy());
    assertEquals(a.confusion(), b.confusion());
    if (pa != null) {
      assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), "parameters differ");
    }
  }

  static List<float[]> parameters(RunConfig config, Path file) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Block net = BlitzNet.build(config, m);
      TrainedModel.load(net, file, m);
      return EpochLoop.parametersOf(net).stream().map(NDArray::toFloatArray).toList();
    }
  }

  @Test
  void eachMemberEndsCloseToItsSeparateRun(@TempDir Path dir) {
    List<RunConfig> configs = seeds(base(2), 3);
    StackFiles files = files(dir, "s", 3, false);
    List<RunResult> together = stacked(configs, files);
    for (int i = 0; i < configs.size(); i++) {
      Path alone = dir.resolve("alone-" + i + ".params");
      RunResult r = executor.execute(configs.get(i), m -> {}, new RunFiles(null, alone));
      RunResult s = together.get(i);
      assertEquals(RunStatus.OK, s.status(), s.error());
      assertEquals(r.epochs().size(), s.epochs().size());
      assertTrue(s.testAccuracy() > 0.5, "member " + i + ": " + s.testAccuracy());
      // 200 steps amplify a first difference in the last bit; on the colour data both runs
      // end at the same accuracy give or take a few of the 100 test images.
      assertEquals(r.testAccuracy(), s.testAccuracy(), 0.05, "member " + i);
      assertEquals(r.epochs().get(1).trainLoss(), s.epochs().get(1).trainLoss(),
          0.02 * r.epochs().get(1).trainLoss(), "member " + i);
      List<float[]> p = parameters(configs.get(i), alone);
      List<float[]> q = parameters(configs.get(i), files.parameters().get(i));
      for (int j = 0; j < p.size(); j++) {
        double diff = 0;
        double norm = 0;
        for (int v = 0; v < p.get(j).length; v++) {
          diff += Math.pow(p.get(j)[v] - q.get(j)[v], 2);
          norm += Math.pow(p.get(j)[v], 2);
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-3, "member " + i + " parameter " + j
            + ": relative distance " + Math.sqrt(diff / norm));
      }
    }
  }

  @Test
  void twoRunsOfOneGroupGiveTheSameBits(@TempDir Path dir) throws IOException {
    List<RunConfig> configs = seeds(base(2).with("dropout", "0.2").with("validation", 50), 2);
    List<RunResult> a = stacked(configs, files(dir, "a", 2, false));
    List<RunResult> b = stacked(configs, files(dir, "b", 2, false));
    for (int i = 0; i < 2; i++) {
      assertNotNull(a.get(i).validationAccuracy());
      assertSameRun(a.get(i), b.get(i), files(dir, "a", 2, false).parameters().get(i),
          files(dir, "b", 2, false).parameters().get(i));
    }
    assertTrue(a.get(0).epochs().get(0).trainLoss() != a.get(1).epochs().get(0).trainLoss(),
        "two seeds trained the same run");
  }

  /** Thrown by a listener to stop the group between epochs, as a kill would. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super("stopped after an epoch");
    }
  }

  @Test
  void aResumedGroupEqualsAnUninterruptedOneToTheBit(@TempDir Path dir) throws IOException {
    List<RunConfig> configs = seeds(base(3).with("dropout", "0.2"), 2);
    List<RunResult> whole = stacked(configs, files(dir, "whole", 2, true));
    StackFiles files = files(dir, "resumed", 2, true);
    List<RunExecutor.EpochListener> stopAfterTwo = List.of(m -> {
      if (m.epoch() == 2) {
        throw new Stop();
      }
    }, m -> {});
    assertThrows(Stop.class, () -> executor.executeStacked(configs, stopAfterTwo, files));
    assertEquals(List.of(2), new Checkpoints(files.checkpoints()).epochs());
    List<EpochMetrics> heard = new ArrayList<>();
    List<RunResult> resumed = executor.executeStacked(configs, List.of(m -> {}, heard::add),
        files);
    assertEquals(3, heard.size(), "a resumed member first hears of its finished epochs");
    for (int i = 0; i < 2; i++) {
      assertSameRun(whole.get(i), resumed.get(i), files(dir, "whole", 2, true).parameters().get(i),
          files.parameters().get(i));
    }
  }

  @Test
  void aDivergingMemberLeavesTheOthersBitsAlone(@TempDir Path dir) throws IOException {
    List<RunConfig> configs = seeds(base(3), 3);
    StackFiles clean = files(dir, "clean", 3, true);
    StackFiles poisoned = files(dir, "poisoned", 3, true);
    stacked(configs.stream().map(c -> c.with("epochs", 1)).toList(), clean);
    copyCheckpoint(clean.checkpoints(), poisoned.checkpoints(), 1);
    List<RunResult> fine = stacked(configs, clean);
    List<RunResult> hurt = stacked(configs, poisoned);
    assertEquals(RunStatus.DIVERGED, hurt.get(1).status());
    assertTrue(hurt.get(1).error().contains("in epoch 2"), hurt.get(1).error());
    assertEquals(1, hurt.get(1).epochs().size(), "the metrics of its last good epoch");
    assertEquals(fine.get(1).epochs().get(0), hurt.get(1).epochs().get(0));
    assertEquals(fine.get(1).epochs().get(0).testAccuracy(), hurt.get(1).testAccuracy());
    assertTrue(!Files.exists(poisoned.parameters().get(1)), "a diverged run leaves no parameters");
    for (int i : new int[] {0, 2}) {
      assertEquals(RunStatus.OK, fine.get(i).status());
      assertSameRun(fine.get(i), hurt.get(i), clean.parameters().get(i),
          poisoned.parameters().get(i));
    }
  }

  /**
   * Copies the checkpoint of {@code epoch}, with member 1's first conv weights set to NaN: a
   * conv's parameters are the members' own tensors, so tensor 1 is member 1's first weight.
   */
  private static void copyCheckpoint(Path from, Path to, int epoch) throws IOException {
    Files.createDirectories(to);
    Files.copy(from.resolve("epoch-" + epoch + ".json"), to.resolve("epoch-" + epoch + ".json"));
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDList t = NDList.decode(m,
          Files.readAllBytes(from.resolve("epoch-" + epoch + ".state")));
      assertEquals(new ai.djl.ndarray.types.Shape(6, 3, 5, 5), t.get(1).getShape());
      NDList out = new NDList(t.get(0), t.get(1).mul(Float.NaN));
      out.addAll(t.subList(2, t.size()));
      Files.write(to.resolve("epoch-" + epoch + ".state"), out.encode());
    }
  }

  @Test
  void savedMembersLoadWithTheEvaluatePath(@TempDir Path dir) {
    List<RunConfig> configs = seeds(base(1), 2);
    StackFiles files = files(dir, "e", 2, false);
    List<RunResult> results = stacked(configs, files);
    for (int i = 0; i < 2; i++) {
      Evaluation e = TrainedModel.evaluate(configs.get(i), files.parameters().get(i), DATA.test(),
          OPTIONS);
      assertEquals(results.get(i).testAccuracy(), e.accuracy(), "member " + i);
      assertEquals(results.get(i).perClassAccuracy(), e.perClass(), "member " + i);
      assertEquals(results.get(i).confusion(), e.confusion(), "member " + i);
    }
  }

  @Test
  void dataParallelRunsDoNotStack() {
    try (CnnRunExecutor two = new CnnRunExecutor(ColourData.dataset(8, 4), OPTIONS,
        Collections.nCopies(2, Device.cpu()))) {
      assertEquals(1, two.stackLimit(base(1)));
    }
  }

  @Test
  void stacksOnlyOneConfigWithinTheLimit() {
    RunConfig c = base(1);
    assertEquals(CnnRunExecutor.STACK_LIMIT, executor.stackLimit(c));
    assertThrows(IllegalArgumentException.class,
        () -> stacked(List.of(c, c.with("lr", "0.01")), StackFiles.none(2)));
    assertThrows(IllegalArgumentException.class,
        () -> stacked(seeds(c, CnnRunExecutor.STACK_LIMIT + 1),
            StackFiles.none(CnnRunExecutor.STACK_LIMIT + 1)));
  }
}
