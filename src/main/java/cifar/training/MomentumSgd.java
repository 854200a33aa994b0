package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * SGD with momentum over a fixed list of parameters: four in-place kernels per parameter and
 * step, no allocation.
 *
 * <p>PyTorch's update is {@code buf = m·buf + grad; w -= lr·buf}. With a constant learning rate,
 * {@code state = lr·buf} gives the same trajectory as {@code state = m·state + lr·grad; w -=
 * state}, and when the loss gradient is scaled by lr before the backward pass (see {@link
 * #gradientScale()}), the gradients libtorch accumulates already are {@code lr·grad}. So a step
 * is {@code state *= m; state += grad; w -= state; grad = 0}. DJL's own {@code sgdUpdate} call
 * does the same in one native call but about seven kernels (it clones the gradient, adds
 * weight-decay·w even when zero, scales by lr), which at batch 4 costs more than the call saves.
 */
final class MomentumSgd {
  private final NDArray[] weights;
  private final NDArray[] states;
  private final NDArray[] grads;
  private final float lr;
  private final NDArray momentum;
  private final NDManager manager;

  MomentumSgd(List<NDArray> parameters, double lr, double momentum, NDManager manager) {
    this.weights = parameters.toArray(new NDArray[0]);
    this.states = new NDArray[weights.length];
    this.grads = new NDArray[weights.length];
    this.lr = (float) lr;
    this.manager = manager;
    // A device scalar made once: NDArray.muli(Number) would create one every call.
    this.momentum = manager.create((float) momentum);
    for (int i = 0; i < weights.length; i++) {
      states[i] = weights[i].zerosLike();
      states[i].attach(manager);
    }
  }

  /** What the loss gradient must be multiplied by before backward: the learning rate. */
  float gradientScale() {
    return lr;
  }

  /** Applies the (lr-scaled) gradients of the last backward pass and zeroes them. */
  void step() {
    // In-place updates of leaves that require gradients are only allowed without autograd.
    boolean wasRecording = Torch.recording(false);
    for (int i = 0; i < weights.length; i++) {
      if (grads[i] == null) {
        grads[i] = Torch.gradient(weights[i]);
        grads[i].attach(manager);
      }
      Torch.momentumStep(weights[i], grads[i], states[i], momentum);
    }
    Torch.recording(wasRecording);
  }
}
