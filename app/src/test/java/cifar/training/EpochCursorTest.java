package cifar.training;

import static cifar.training.SameWeights.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An epoch puts its images into the shuffled order a chunk at a time, and its steps may be taken
 * in calls of any size. Neither must change anything: the same batches in the same order, so the
 * same weights to the last bit.
 */
class EpochCursorTest {
  private static final RunConfig CONFIG = RunConfig.baseline();
  private static NDManager manager;
  /** 202 images: 50 batches of 4 and a last one of 2, 51 steps an epoch. */
  private static DeviceSplit train;

  @BeforeAll
  static void upload() {
    manager = NDManager.newBaseManager();
    train = DeviceSplit.upload(ColourData.split(202, 1), manager);
  }

  @AfterAll
  static void free() {
    manager.close();
  }

  @Test
  void gatheringInChunksTrainsTheSameAsGatheringTheWholeEpoch() {
    // 202 images in one gather; in chunks of 8 (two batches of 4, and a last batch of 2); and
    // with a chunk size that is not a whole number of batches (10, rounded down to 8).
    List<float[]> weights = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    for (int gather : new int[] {TrainingEpoch.GATHER, 8, 10}) {
      BlitzNet.Net net = BlitzNet.build(CONFIG, manager);
      List<NDArray> parameters = EpochLoop.parametersOf(net);
      TrainingEpoch loop = EpochLoop.direct(CONFIG, net, manager);
      TrainingEpoch.Outcome last = null;
      try (EpochCursor cursor =
          new EpochCursor(loop, train, new SplittableRandom(3), manager, gather)) {
        for (int epoch = 1; epoch <= 2; epoch++) {
          cursor.start(TrainingProgress.NONE, epoch, 2);
          cursor.steps(Long.MAX_VALUE);
          last = cursor.finish();
        }
      }
      assertEquals(202, last.images());
      losses.add(last.loss());
      weights.add(parameters.get(0).toFloatArray());
    }
    assertEquals(losses.get(0), losses.get(1));
    assertEquals(losses.get(0), losses.get(2));
    assertArrayEquals(weights.get(0), weights.get(1));
    assertArrayEquals(weights.get(0), weights.get(2));
  }

  @Test
  void stepsTakenInSlicesTrainAsTrainsEpochDoes() {
    // The epoch's 51 steps in one call, as train takes them, and in calls of 7 (the last short).
    BlitzNet.Net whole = BlitzNet.build(CONFIG, manager);
    TrainingEpoch.Outcome expected = EpochLoop.direct(CONFIG, whole, manager)
        .run(train, new SplittableRandom(5), manager, TrainingProgress.NONE, 1, 1);

    BlitzNet.Net sliced = BlitzNet.build(CONFIG, manager);
    List<Long> calls = new ArrayList<>();
    List<Long> progress = new ArrayList<>();
    TrainingEpoch.Outcome actual;
    try (EpochCursor cursor = new EpochCursor(EpochLoop.direct(CONFIG, sliced, manager), train,
        new SplittableRandom(5), manager)) {
      cursor.start((epoch, epochs, done, total) -> progress.add(done), 1, 1);
      while (!cursor.done()) {
        calls.add(cursor.steps(7));
      }
      assertEquals(0, cursor.steps(7), "an epoch that is done takes no more steps");
      actual = cursor.finish();
    }
    assertEquals(List.of(7L, 7L, 7L, 7L, 7L, 7L, 7L, 2L), calls);
    assertEquals(51, progress.size());
    assertEquals(202L, progress.get(progress.size() - 1));
    assertEquals(expected.loss(), actual.loss());
    assertEquals(expected.accuracy(), actual.accuracy());
    assertEquals(202, actual.images());
    assertTrue(Double.isFinite(actual.loss()), "loss " + actual.loss());
    assertSameWeights(whole, sliced);
  }

  @Test
  void anEpochMustBeFinishedBeforeTheNextStarts() {
    try (EpochCursor cursor = new EpochCursor(
        EpochLoop.direct(CONFIG, BlitzNet.build(CONFIG, manager), manager), train,
        new SplittableRandom(1), manager)) {
      cursor.start();
      IllegalStateException e = assertThrows(IllegalStateException.class, cursor::start);
      assertTrue(e.getMessage().contains("not finished"), e.getMessage());
      cursor.discard();
      cursor.start(); // after a discard it may
      assertEquals(2, cursor.steps(2));
    }
  }
}
