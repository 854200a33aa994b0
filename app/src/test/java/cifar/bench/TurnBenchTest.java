package cifar.bench;

import static cifar.training.SameWeights.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import cifar.training.ColourData;
import cifar.training.DeviceSplit;
import cifar.training.EpochLoop;
import cifar.training.TrainingProgress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The turns of the lockstep benchmark train exactly as {@code train}'s epochs do. */
class TurnBenchTest {
  @Test
  void turnsAcrossEpochsTrainTheSameWeightsAsTrainsEpochs() {
    RunConfig config = RunConfig.baseline();
    try (NDManager manager = NDManager.newBaseManager()) {
      // 202 images: 50 batches of 4 and a last one of 2 per epoch, 51 steps; two epochs are 102
      // steps, taken as 34 turns of 3, so turns end inside batches' runs and across the epochs.
      DeviceSplit train = DeviceSplit.upload(ColourData.split(202, 1), manager);

      BlitzNet.Net trained = BlitzNet.build(config, manager);
      EpochLoop epochs = EpochLoop.direct(config, trained, manager);
      SplittableRandom shuffle = new SplittableRandom(config.seed());
      for (int epoch = 1; epoch <= 2; epoch++) {
        epochs.run(train, shuffle, manager, TrainingProgress.NONE, epoch, 2);
      }

      BlitzNet.Net turned = BlitzNet.build(config, manager);
      try (TurnBench bench =
          new TurnBench(train, EpochLoop.direct(config, turned, manager), config.seed(), manager)) {
        for (int turn = 0; turn < 34; turn++) {
          bench.turn(3);
        }
      }

      assertSameWeights(trained, turned);
      // And training did happen: the weights are no longer the initial ones.
      float[] initial = EpochLoop.parametersOf(BlitzNet.build(config, manager)).get(0).toFloatArray();
      float[] after = EpochLoop.parametersOf(turned).get(0).toFloatArray();
      boolean moved = false;
      for (int i = 0; i < initial.length && !moved; i++) {
        moved = initial[i] != after[i];
      }
      assertTrue(moved, "the turns trained nothing");
    }
  }
}
