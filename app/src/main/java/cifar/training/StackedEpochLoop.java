package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cifar.config.RunConfig;
import cifar.model.FlatParameters;

/**
 * The training step of a {@link StackedModel}, {@link EpochLoop}'s step for K members at once:
 * the batch's views, the stacked forward, per-member log-softmax and gather, one backward, the
 * momentum update of the stacked parameters, one detach to keep the logits.
 *
 * <p>The loss is the sum over members of each member's batch-mean cross-entropy, so the
 * gradient reaching member i's part of a parameter is exactly the gradient of its separate run:
 * the members share no parameter and no value (their own convolutions, and batched products, keep
 * them apart). As in {@link EpochLoop} the loss is not built: the backward seed is {@code -lr/b}
 * for every picked log-probability, and {@link MomentumSgd} keeps the state in the gradients.
 */
final class StackedEpochLoop {
  final StackedModel model;
  final int batchSize;
  private final MomentumSgd sgd;

  StackedEpochLoop(StackedModel model, RunConfig config, NDManager manager) {
    this.model = model;
    this.batchSize = config.batchSize();
    this.sgd = new MomentumSgd(model.arrays().stream().map(FlatParameters::of).toList(),
        config.learningRate(), config.momentum(), manager);
  }

  MomentumSgd optimizer() {
    return sgd;
  }

  /**
   * The step of an epoch of {@code n} images per member. Its {@code x} is a chunk of images
   * (C, 3K, 32, 32), its {@code y} the chunk's labels (K, C, 1), member i's in row i; rows {@code
   * from..to} of the chunk are the batch.
   */
  TrainingEpoch.Step begin(NDManager epochScope, long n) {
    BackwardSeeds seeds = new BackwardSeeds(epochScope, n, batchSize, sgd.gradientScale(),
        b -> new Shape(model.size(), b, 1));
    return (x, y, from, to, scope, kept) -> {
      NDArray xb = Torch.rows(x, from, to);
      NDArray yb = Torch.slice(y, 1, from, to);
      xb.attach(scope);
      yb.attach(scope);
      NDArray logits = model.forward(xb, true);
      Torch.backward(picked(logits, yb), seeds.of(to - from));
      sgd.step();
      NDArray detached = logits.stopGradient();
      detached.attach(epochScope);
      kept.add(detached);
    };
  }

  /** Each member's log-probability of each image's label: (K, B, 1) of logits (K, B, 10). */
  static NDArray picked(NDArray logits, NDArray labels) {
    return logits.logSoftmax(2).gather(labels, 2);
  }
}
