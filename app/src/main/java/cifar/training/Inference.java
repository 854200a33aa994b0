package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A network's forward pass without gradients over images held on the device, {@link #BATCH} at a
 * time, with one copy to the host at the end: what evaluation (the predicted classes) and {@code
 * predict} (the logits) both need, so both see the same numbers.
 */
final class Inference {
  /** Images per forward pass: large enough that per-call overhead vanishes. */
  static final int BATCH = 1000;

  private Inference() {}

  /**
   * @param images normalised float images N×3×32×32 on the device
   * @param n how many of them (their first dimension)
   * @param keep what to keep of each batch's logits (a few numbers per image), on the device
   * @param toHost copies the kept arrays, concatenated, to the host
   * @return {@code toHost} of nothing when n is 0
   */
  static <T> T run(Block net, ParameterStore store, NDArray images, int n,
      UnaryOperator<NDArray> keep, Function<NDArray, T> toHost) {
    return run(images, n, batch -> keep.apply(net.forward(store, new NDList(batch), false)
        .singletonOrThrow()), 0, toHost);
  }

  /**
   * The batch loop itself, for any forward pass: {@code forward} maps a batch of images to what
   * is kept of it, and the kept arrays are joined along {@code axis} (the images' axis of what
   * {@code forward} returns: 0 for one net's, 1 for a stack's (K, B, ...)).
   */
  static <T> T run(NDArray images, int n, UnaryOperator<NDArray> forward, int axis,
      Function<NDArray, T> toHost) {
    try (NDManager scope = images.getManager().newSubManager()) {
      NDList batches = new NDList();
      for (int from = 0; from < n; from += BATCH) {
        // A batch's activations (about 50 MB) are freed as soon as what is kept of it is known,
        // so the pass needs memory for one batch, not for all ten of a 10,000-image test set.
        try (NDManager step = scope.newSubManager()) {
          NDArray batch = Torch.rows(images, from, Math.min(n, from + BATCH));
          batch.attach(step);
          NDArray kept = forward.apply(batch);
          kept.attach(scope);
          batches.add(kept);
        }
      }
      return toHost.apply(batches.isEmpty() ? null : NDArrays.concat(batches, axis));
    }
  }
}
