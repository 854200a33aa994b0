package cifar.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import cifar.training.DeviceSplit;
import cifar.training.EpochCursor;
import cifar.training.EpochLoop;
import cifar.training.MomentumSgd;
import cifar.training.TrainingEpoch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the batch-4 training step with its forward pass through DJL's {@code Block.forward}
 * ("block") and through the direct forward that train uses, one libtorch call per layer
 * ("direct"), side by side in one process.
 *
 * <p>Why interleaved: on the shared 2-core build machines the same epoch swings from one run to
 * the next by more than the difference being measured. So both variants train their own copy of
 * the same net (same seed) on the same order of images, each through an {@link EpochCursor} of
 * its own, as train does, taking turns every {@code chunkSteps} steps (who goes first
 * alternates); a slow stretch of the machine then hits both alike. Both must end with the same
 * loss to the last digit: the two forwards are the same ops.
 */
public final class StepBench {
  /** One variant's result: images per second over all its steps, and its last epoch's loss. */
  public record Result(String variant, double imagesPerSecond, double loss, double accuracy) {}

  private StepBench() {}

  /**
   * Trains both variants for {@code epochs} epochs over the first {@code images} training images
   * (batch 4, the baseline recipe, seed 1), interleaved in chunks of {@code chunkSteps} steps.
   */
  public static List<Result> run(CifarDataset data, int images, int epochs, int chunkSteps) {
    RunConfig config = RunConfig.baseline();
    List<String> names = List.of("block", "direct");
    try (NDManager manager = NDManager.newBaseManager()) {
      DeviceSplit train = DeviceSplit.upload(data.train(), manager).limit(images, manager);
      List<EpochCursor> cursors = new ArrayList<>();
      for (String name : names) {
        BlitzNet.Net net = BlitzNet.build(config, manager);
        ParameterStore store = new ParameterStore(manager, false);
        TrainingEpoch loop = name.equals("direct")
            ? EpochLoop.direct(config, net, manager)
            : new EpochLoop(x -> net.forward(store, new NDList(x), true).singletonOrThrow(),
                new MomentumSgd(List.of(EpochLoop.flatParameters(net)), config.learningRate(),
                    config.momentum(), manager), config.batchSize());
        // Each its own generator from the same seed: the same orders, drawn as train draws them.
        cursors.add(new EpochCursor(loop, train, new SplittableRandom(1), manager));
      }
      return interleave(names, cursors, train.size(), epochs, chunkSteps);
    }
  }

  private static List<Result> interleave(List<String> names, List<EpochCursor> cursors,
      long n, int epochs, int chunkSteps) {
    int k = cursors.size();
    long[] nanos = new long[k];
    TrainingEpoch.Outcome[] last = new TrainingEpoch.Outcome[k];
    for (int e = 0; e < epochs; e++) {
      for (EpochCursor cursor : cursors) {
        cursor.start();
      }
      for (long chunk = 0; !allDone(cursors); chunk++) {
        for (int j = 0; j < k; j++) {
          int i = (int) ((chunk + j) % k); // who goes first alternates
          long start = System.nanoTime();
          cursors.get(i).steps(chunkSteps);
          nanos[i] += System.nanoTime() - start;
        }
      }
      for (int i = 0; i < k; i++) {
        last[i] = cursors.get(i).finish();
      }
    }
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      results.add(new Result(names.get(i), epochs * n / (nanos[i] / 1e9), last[i].loss(),
          last[i].accuracy()));
    }
    return results;
  }

  private static boolean allDone(List<EpochCursor> cursors) {
    for (EpochCursor cursor : cursors) {
      if (!cursor.done()) {
        return false;
      }
    }
    return true;
  }
}
