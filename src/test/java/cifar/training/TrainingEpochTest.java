package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An epoch puts its images into the shuffled order a chunk at a time. How many at a time must
 * change nothing: the same batches in the same order, so the same weights to the last bit.
 */
class TrainingEpochTest {
  @Test
  void gatheringInChunksTrainsTheSameAsGatheringTheWholeEpoch() {
    RunConfig config = RunConfig.baseline();
    try (NDManager manager = NDManager.newBaseManager()) {
      DeviceSplit train = DeviceSplit.upload(ColourData.split(202, 1), manager);
      // 202 images in one gather; in chunks of 8 (two batches of 4, and a last batch of 2); and
      // with a chunk size that is not a whole number of batches (10, rounded down to 8).
      List<float[]> weights = new ArrayList<>();
      List<Double> losses = new ArrayList<>();
      for (int gather : new int[] {TrainingEpoch.GATHER, 8, 10}) {
        Block net = BlitzNet.build(config, manager);
        List<NDArray> parameters = EpochLoop.parametersOf(net);
        TrainingEpoch loop = EpochLoop.direct(config, net, manager);
        SplittableRandom shuffle = new SplittableRandom(3);
        TrainingEpoch.Outcome last = null;
        for (int epoch = 1; epoch <= 2; epoch++) {
          last = loop.run(train, shuffle, manager, TrainingProgress.NONE, epoch, 2, gather);
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
  }
}
