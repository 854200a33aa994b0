package cifar.training;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/** Trains one epoch: on one device ({@link EpochLoop}) or on several ({@link ReplicatedEpochLoop}). */
interface TrainingEpoch {
  /**
   * Trains on every image of {@code train} once, in an order drawn from {@code shuffle}.
   *
   * @param manager where the epoch's temporaries live (closed with the run)
   */
  EpochLoop.Outcome run(DeviceSplit train, SplittableRandom shuffle, NDManager manager,
      TrainingProgress progress, int epoch, int epochs);
}
