package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * SGD with momentum over a fixed list of parameters, two native calls per parameter and step
 * (update, zero the gradient) and no allocation. DJL's {@code Trainer.step} does the same maths
 * through a parameter server, fresh gradient arrays and per-step lists.
 */
final class MomentumSgd {
  private final NDArray[] weights;
  private final NDArray[] states;
  private final NDArray[] grads;
  private final float lr;
  private final float momentum;
  private final NDManager manager;

  MomentumSgd(List<NDArray> parameters, double lr, double momentum, NDManager manager) {
    this.weights = parameters.toArray(new NDArray[0]);
    this.states = new NDArray[weights.length];
    this.grads = new NDArray[weights.length];
    this.lr = (float) lr;
    this.momentum = (float) momentum;
    this.manager = manager;
    for (int i = 0; i < weights.length; i++) {
      states[i] = weights[i].zerosLike();
      states[i].attach(manager);
    }
  }

  /** Applies the gradients of the last backward pass and zeroes them. */
  void step() {
    for (int i = 0; i < weights.length; i++) {
      if (grads[i] == null) {
        grads[i] = Torch.gradient(weights[i]);
        grads[i].attach(manager);
      }
      Torch.sgdMomentum(weights[i], grads[i], states[i], lr, momentum);
      Torch.zeroGradient(weights[i]);
    }
  }
}
