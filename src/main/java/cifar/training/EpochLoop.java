package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/**
 * One epoch of training, written for batch 4, where a step is about a millisecond and per-step
 * overhead (native calls, allocations, host syncs) is most of it. Per step it makes: two views for
 * the batch, the forward ops, log-softmax and gather for the loss, one backward, two native calls
 * per parameter for the update, and one detach to keep the logits. Nothing is copied to or from
 * the host inside the loop, so on a GPU the step never waits.
 *
 * <p>The epoch's loss and accuracy are computed once at the end from the kept logits (the same
 * values the loss was taken from, before each update), not summed step by step.
 */
final class EpochLoop implements TrainingEpoch {
  /** Steps between divergence checks (one small host sync each). */
  static final int CHECK_EVERY = 250;

  private final Block net;
  private final ParameterStore store;
  private final MomentumSgd sgd;
  private final int batchSize;

  EpochLoop(Block net, ParameterStore store, MomentumSgd sgd, int batchSize) {
    this.net = net;
    this.store = store;
    this.sgd = sgd;
    this.batchSize = batchSize;
  }

  /** What one epoch measured: mean loss and accuracy over the images trained on. */
  record Outcome(double loss, double accuracy, long images, double seconds) {
    boolean diverged() {
      return !Double.isFinite(loss);
    }
  }

  @Override
  public Outcome run(DeviceSplit train, SplittableRandom shuffle, NDManager manager,
      TrainingProgress progress, int epoch, int epochs) {
    long n = train.size();
    long start = System.nanoTime();
    try (NDManager epochScope = manager.newSubManager()) {
      NDArray order = epochScope.create(permutation((int) n, shuffle));
      // One gather per epoch puts the images in this epoch's order; steps then take views.
      NDArray x = train.images.get(order);
      NDArray y = train.labels.get(order);
      x.attach(epochScope);
      y.attach(epochScope);
      // The loss is -mean(log p[label]); its gradient w.r.t. each picked log p is -1/b, so we
      // back-propagate that constant from the gathered values instead of building mean and neg.
      // Scaled by the learning rate, it leaves lr·grad in the parameters' gradients (MomentumSgd).
      float scale = sgd.gradientScale();
      NDArray fullGrad = gradient(epochScope, batchSize, scale);
      NDArray lastGrad = n % batchSize == 0 ? fullGrad
          : gradient(epochScope, (int) (n % batchSize), scale);
      NDList kept = new NDList();
      long done = 0;
      // Autograd records for the whole epoch. Not through DJL's GradientCollector: it allows one
      // per process (a static flag), which would serialise runs trained side by side, while
      // libtorch's grad mode is per thread.
      boolean wasRecording = Torch.recording(true);
      try {
        for (long from = 0; from < n; from += batchSize) {
          long to = Math.min(n, from + batchSize);
          try (NDManager step = epochScope.newSubManager()) {
            NDArray xb = Torch.rows(x, from, to);
            NDArray yb = Torch.rows(y, from, to);
            xb.attach(step);
            yb.attach(step);
            NDArray logits = net.forward(store, new NDList(xb), true).singletonOrThrow();
            NDArray picked = logits.logSoftmax(1).gather(yb, 1);
            Torch.backward(picked, to - from == batchSize ? fullGrad : lastGrad);
            sgd.step();
            NDArray detached = logits.stopGradient();
            detached.attach(epochScope);
            kept.add(detached);
          }
          done = to;
          progress.update(epoch, epochs, done, n);
          if (kept.size() % CHECK_EVERY == 0 && !allFinite(kept.get(kept.size() - 1))) {
            break; // diverged: everything after is NaN too
          }
        }
      } finally {
        Torch.recording(wasRecording);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return score(NDArrays.concat(kept), Torch.rows(y, 0, done), done, seconds);
    }
  }

  static Outcome score(NDArray logits, NDArray labels, long images, double seconds) {
    double loss = -logits.logSoftmax(1).gather(labels, 1).mean().getFloat();
    long correct = logits.argMax(1).eq(labels.squeeze(1)).sum().getLong();
    return new Outcome(loss, correct / (double) images, images, seconds);
  }

  static boolean allFinite(NDArray a) {
    return !a.isNaN().logicalOr(a.isInfinite()).any().getBoolean();
  }

  private static NDArray gradient(NDManager manager, int b, float scale) {
    return manager.full(new Shape(b, 1), -scale / b);
  }

  /** Fisher–Yates, from the run's own generator: the same order for a seed on every device. */
  static long[] permutation(int n, SplittableRandom random) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
