package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum over a fixed list of parameters: two in-place kernels per parameter and
 * step, no allocation, and no momentum buffer of its own: the gradient tensor is the buffer.
 *
 * <p>PyTorch's update is {@code buf = m·buf + grad; w -= lr·buf}. With a constant learning rate,
 * {@code state = lr·buf} gives the same trajectory as {@code state = m·state + lr·grad; w -=
 * state}. Two facts of libtorch then make the update short:
 *
 * <ul>
 *   <li>the loss gradient is scaled by lr before the backward pass ({@link #gradientScale()}),
 *       so what backward adds to a parameter's gradient is already {@code lr·grad};
 *   <li>backward <em>adds</em> into a gradient tensor that exists, in place.
 * </ul>
 *
 * So if the gradient tensor holds {@code m·state} when backward starts, it holds {@code m·state
 * + lr·grad}, the new state, when backward ends. A step is then {@code w -= g; g *= m}: the
 * first applies the new state, the second leaves {@code m·state} for the next backward. The
 * first backward finds no gradient tensor and creates {@code lr·grad}, which is the first state
 * (the state starts at zero). The floating-point operations are the same ones, in the same order,
 * as with a separate buffer ({@code m·state}, then plus {@code lr·grad}), so the numbers are
 * bit-for-bit those of the four-kernel version this replaced, with half the native calls.
 *
 * <p>Anything that adds to the gradients between steps (the data-parallel loop adds the other
 * replicas' gradients into these) adds to the state, which is what it should do; anything that
 * zeroed them would forget the momentum.
 */
public final class MomentumSgd {
  private final NDArray[] weights;
  private final NDArray[] grads;
  private final float lr;
  private final NDArray momentum;
  private final NDManager manager;

  /**
   * Updates {@code parameters} with learning rate {@code lr} and {@code momentum}; the momentum
   * scalar lives in {@code manager}.
   */
  public MomentumSgd(List<NDArray> parameters, double lr, double momentum, NDManager manager) {
    this.weights = parameters.toArray(new NDArray[0]);
    this.grads = new NDArray[weights.length];
    this.lr = (float) lr;
    this.manager = manager;
    // A device scalar made once: NDArray.muli(Number) would create one every call.
    this.momentum = manager.create((float) momentum);
  }

  /** What the loss gradient must be multiplied by before backward: the learning rate. */
  float gradientScale() {
    return lr;
  }

  /**
   * The momentum state of every parameter as it stands between steps ({@code m·state}, held in
   * the gradient tensors), for a checkpoint. Before the first step there is none.
   */
  List<NDArray> state() {
    List<NDArray> out = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      if (grads[i] == null) {
        throw new IllegalStateException("no momentum state before the first step");
      }
      out.add(grads[i]);
    }
    return out;
  }

  /**
   * Puts the parameters and momentum states of a checkpoint back: the weights in place (the
   * tensors stay the ones the forward pass holds), and each gradient tensor created holding the
   * saved state. The gradient is created by a backward pass of {@code sum(w ⊙ s)}, whose
   * gradient with respect to {@code w} is exactly {@code s} (ones times s), so the next backward
   * adds into a tensor holding the same bits as the uninterrupted run's.
   */
  void restore(List<NDArray> savedWeights, List<NDArray> savedStates) {
    boolean wasRecording = Torch.recording(false);
    for (int i = 0; i < weights.length; i++) {
      Torch.copyInto(weights[i], savedWeights.get(i));
    }
    Torch.recording(true);
    try (NDManager scope = manager.newSubManager()) {
      NDArray total = null;
      for (int i = 0; i < weights.length; i++) {
        NDArray s = savedStates.get(i).toDevice(weights[i].getDevice(), false);
        s.attach(scope);
        NDArray term = weights[i].mul(s).sum();
        term.attach(scope);
        total = total == null ? term : total.add(term);
        total.attach(scope);
      }
      Torch.backward(total, scope.ones(total.getShape()));
    } finally {
      Torch.recording(wasRecording);
    }
    for (int i = 0; i < weights.length; i++) {
      grads[i] = Torch.gradient(weights[i]);
      grads[i].attach(manager);
    }
  }

  /**
   * Applies the state the last backward pass left in the gradients ({@code w -= g}) and decays
   * it for the next one ({@code g *= m}).
   */
  void step() {
    // In-place updates of leaves that require gradients are only allowed without autograd.
    boolean wasRecording = Torch.recording(false);
    for (int i = 0; i < weights.length; i++) {
      if (grads[i] == null) {
        grads[i] = Torch.gradient(weights[i]);
        grads[i].attach(manager);
      }
      Torch.momentumStep(weights[i], grads[i], momentum);
    }
    Torch.recording(wasRecording);
  }
}
