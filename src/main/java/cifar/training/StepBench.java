package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the batch-4 training step with its forward pass through DJL's {@code Block.forward}
 * ("block") and through {@link DirectForward} ("direct"), side by side in one process.
 *
 * <p>Why interleaved: on the shared 2-core build machines the same epoch swings by 10–20% from
 * one run to the next, more than the difference being measured. So both variants train their own
 * copy of the same net (same seed) on the same order of images, taking turns every {@code
 * chunkSteps} steps (who goes first alternates); a slow stretch of the machine then hits both
 * alike. Both must end with the same loss to the last digit: the two forwards are the same ops.
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
      List<TrainingEpoch> loops = new ArrayList<>();
      for (String name : names) {
        Block net = BlitzNet.build(config, manager);
        ParameterStore store = new ParameterStore(manager, false);
        loops.add(name.equals("direct")
            ? EpochLoop.direct(config, net, manager)
            : new EpochLoop(x -> net.forward(store, new NDList(x), true).singletonOrThrow(),
                new MomentumSgd(EpochLoop.parametersOf(net), config.learningRate(),
                    config.momentum(), manager), config.batchSize()));
      }
      return interleave(names, loops, train, manager, epochs, chunkSteps);
    }
  }

  private static List<Result> interleave(List<String> names, List<TrainingEpoch> loops,
      DeviceSplit train, NDManager manager, int epochs, int chunkSteps) {
    int k = loops.size();
    int batch = loops.get(0).batchSize;
    long n = train.size();
    long[] nanos = new long[k];
    TrainingEpoch.Outcome[] last = new TrainingEpoch.Outcome[k];
    SplittableRandom shuffle = new SplittableRandom(1);
    boolean wasRecording = Torch.recording(true);
    try {
      for (int e = 0; e < epochs; e++) {
        NDArray order = manager.create(TrainingEpoch.permutation((int) n, shuffle));
        List<NDManager> scopes = new ArrayList<>();
        List<TrainingEpoch.Step> steps = new ArrayList<>();
        List<NDList> kept = new ArrayList<>();
        NDArray x = train.images.get(order);
        NDArray y = train.labels.get(order);
        for (TrainingEpoch loop : loops) {
          NDManager scope = manager.newSubManager();
          scopes.add(scope);
          steps.add(loop.begin(scope, n));
          kept.add(new NDList());
        }
        for (long from = 0, chunk = 0; from < n; from += (long) batch * chunkSteps, chunk++) {
          long end = Math.min(n, from + (long) batch * chunkSteps);
          for (int j = 0; j < k; j++) {
            int i = (int) ((chunk + j) % k); // who goes first alternates
            long start = System.nanoTime();
            for (long f = from; f < end; f += batch) {
              try (NDManager step = scopes.get(i).newSubManager()) {
                steps.get(i).run(x, y, f, Math.min(end, f + batch), step, kept.get(i));
              }
            }
            nanos[i] += System.nanoTime() - start;
          }
        }
        for (int i = 0; i < k; i++) {
          last[i] = TrainingEpoch.score(NDArrays.concat(kept.get(i)), y, n, nanos[i] / 1e9);
          scopes.get(i).close();
        }
        order.close();
        x.close();
        y.close();
      }
    } finally {
      Torch.recording(wasRecording);
    }
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      results.add(new Result(names.get(i), epochs * n / (nanos[i] / 1e9), last[i].loss(),
          last[i].accuracy()));
    }
    return results;
  }
}
