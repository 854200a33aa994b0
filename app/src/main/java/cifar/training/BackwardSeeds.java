package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.IntFunction;

/**
 * The output gradients an epoch's backward passes start from, made once per epoch: the loss is
 * {@code -mean(log p[label])} over a batch of b, so its gradient with respect to each picked
 * log-probability is {@code -1/b}; times the learning rate it leaves {@code lr·grad} in the
 * parameters' gradients ({@link MomentumSgd}). One for a full batch, one for the epoch's shorter
 * last batch when there is one.
 */
final class BackwardSeeds {
  private final int batchSize;
  private final NDArray full;
  private final NDArray last;

  /**
   * @param n images in the epoch
   * @param scale the learning rate ({@link MomentumSgd#gradientScale()})
   * @param shape the shape of the picked log-probabilities of a batch of b images
   */
  BackwardSeeds(NDManager epochScope, long n, int batchSize, float scale,
      IntFunction<Shape> shape) {
    this.batchSize = batchSize;
    this.full = seed(epochScope, batchSize, scale, shape);
    this.last = n % batchSize == 0 ? full
        : seed(epochScope, (int) (n % batchSize), scale, shape);
  }

  /** The seed of a batch of {@code images}: a full one, or the epoch's last. */
  NDArray of(long images) {
    return images == batchSize ? full : last;
  }

  private static NDArray seed(NDManager manager, int b, float scale, IntFunction<Shape> shape) {
    return manager.full(shape.apply(b), -scale / b);
  }
}
