package cifar.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on CPU replicas (the command line allows replicas on GPUs only) must
 * take the same steps as one device with the same global batch and learning rate.
 */
class ReplicatedEpochLoopTest {
  private static final CifarDataset DATA = ColourData.dataset(120, 40);
  private static final ExecutionOptions CPU = new ExecutionOptions("cpu", 0, TrainingProgress.NONE);
  /** Float sums in another order differ by rounding only: far below this after one epoch. */
  private static final double SAME = 1e-5;

  private static CnnRunExecutor one;
  private static CnnRunExecutor two;
  private static CnnRunExecutor three;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    one = new CnnRunExecutor(DATA, CPU);
    two = new CnnRunExecutor(DATA, CPU, Collections.nCopies(2, Device.cpu()));
    three = new CnnRunExecutor(DATA, CPU, Collections.nCopies(3, Device.cpu()));
  }

  @AfterAll
  static void stop() {
    one.close();
    two.close();
    three.close();
  }

  /** One epoch at global batch 8; lr 0.01 so that a wrong step size shows clearly. */
  private static RunConfig config(int trainLimit) {
    return RunConfig.baseline().with("epochs", "1").with("batch_size", "8").with("lr", "0.01")
        .with("train_limit", Integer.toString(trainLimit)).with("test_limit", "40");
  }

  @Test
  void twoReplicasTakeTheStepsOfOneDeviceWithTheSameGlobalBatch() {
    // 104 = 13 full batches, 4 images per replica in every step
    assertSameTraining(config(104), one, two);
  }

  @Test
  void anUnevenLastBatchIsSplitAndStillWeightedByTheGlobalBatch() {
    // 101: the last batch of 5 splits 3 + 2 on two replicas; on three, 3 + 3 + 2 per full batch
    // and 2 + 2 + 1 for the last
    assertSameTraining(config(101), one, two);
    assertSameTraining(config(101), one, three);
  }

  @Test
  void aLastBatchTooSmallForEveryReplicaLeavesTheRestIdle() {
    // 97: the last batch is one image, which only the first of three replicas gets
    assertSameTraining(config(97), one, three);
  }

  @Test
  void theComparisonSeesAStepOfTwiceTheSize() {
    // What a missing loss scale does on two replicas (about twice the step): the parameters must
    // then differ far beyond SAME, or the tests above could not fail.
    double diff = maxDifference(parameters(config(104), one), parameters(config(104).with("lr", "0.02"), one));
    assertTrue(diff > 100 * SAME, "lr 0.01 and 0.02 differ by only " + diff);
  }

  private void assertSameTraining(RunConfig config, CnnRunExecutor single, CnnRunExecutor replicated) {
    List<EpochMetrics> a = new ArrayList<>();
    List<EpochMetrics> b = new ArrayList<>();
    float[] expected = parameters(config, single, a);
    float[] actual = parameters(config, replicated, b);
    double diff = maxDifference(expected, actual);
    assertTrue(diff <= SAME, replicated.devices().size() + " replicas, " + config.trainLimit()
        + " images: parameters differ by up to " + diff);
    assertEquals(a.get(0).trainLoss(), b.get(0).trainLoss(), 1e-5);
    assertEquals(a.get(0).trainAccuracy(), b.get(0).trainAccuracy());
    assertEquals(a.get(0).testAccuracy(), b.get(0).testAccuracy());
    assertEquals(config.trainLimit(), b.get(0).imagesPerSecond() * b.get(0).seconds(), 1e-6);
  }

  private float[] parameters(RunConfig config, CnnRunExecutor executor) {
    return parameters(config, executor, new ArrayList<>());
  }

  /** Trains, saves the parameters and reads them back as one vector. */
  private float[] parameters(RunConfig config, CnnRunExecutor executor, List<EpochMetrics> epochs) {
    Path file = dir.resolve(executor.devices().size() + "-" + config.learningRate() + "-"
        + config.trainLimit() + ".params");
    RunResult r = executor.execute(config, epochs::add, new RunFiles(null, file));
    assertEquals(RunStatus.OK, r.status(), r.error());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Block net = BlitzNet.build(config, manager);
      TrainedModel.load(net, file, manager);
      NDList flat = new NDList();
      for (Parameter p : net.getParameters().values()) {
        flat.add(p.getArray().flatten());
      }
      return NDArrays.concat(flat).toFloatArray();
    }
  }

  private static double maxDifference(float[] a, float[] b) {
    assertEquals(a.length, b.length, "parameter counts");
    return IntStream.range(0, a.length).mapToDouble(i -> Math.abs(a[i] - b[i])).max().orElse(0);
  }
}
