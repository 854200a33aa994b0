package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cifar.model.FlatParameters;
import java.util.List;

/**
 * SGD with momentum over fixed groups of parameters, each group views of one buffer ({@link
 * FlatParameters}): one in-place kernel per group and one for all of them per step, so two for a
 * net {@link cifar.model.BlitzNet#build} made, no allocation, and no momentum buffer of its own:
 * the gradient tensors are the buffer, and they are views of one flat tensor.
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
 * + lr·grad}, the new state, when backward ends. A step is then {@code w -= g} for each group
 * (the net's flat parameter tensor minus the matching slice of the flat state), and {@code g *=
 * m} for all of them at once, which leaves {@code m·state} for the next backward. The
 * floating-point operations are the same ones, in the same order, as with a separate buffer
 * ({@code m·state}, then plus {@code lr·grad}), so the numbers are bit-for-bit those of a
 * four-kernel-per-parameter update.
 *
 * <p>Why {@code g *= m} can be one kernel: the gradients live in one flat tensor, {@code
 * states}. libtorch makes a parameter's gradient tensor in its first backward, from the
 * gradient that arrives, and takes that tensor over as it is (no copy) when nothing else holds it
 * and its strides are the parameter's. The backward of {@code cat} hands each input a slice of
 * the output gradient, a view. So the constructor runs one backward of {@code cat(flatten(w₁),
 * flatten(w₂), ...)} from the zero tensor {@code states}: each parameter's gradient becomes its
 * slice of {@code states}, and every later backward adds into those slices in place. The state
 * starts at zero, as PyTorch's buffer does. The constructor checks that the views took.
 *
 * <p>Anything that adds to the gradients between steps (the data-parallel loop adds the other
 * replicas' gradients into these) adds to the state, which is what it should do; anything that
 * zeroed them would forget the momentum.
 */
public final class MomentumSgd {
  private final NDArray[] weights; // every group's views, in order
  private final NDArray[] grads; // each weight's gradient: its slice of states
  private final NDArray[] buffers; // each group's buffer
  private final NDArray[] bufferStates; // each buffer's slice of states, in the buffer's shape
  private final NDArray states;
  private final float lr;
  private final NDArray momentum;

  /**
   * Updates the parameters of {@code groups} with learning rate {@code lr} and {@code momentum};
   * the flat state and the momentum scalar live in {@code manager}. The parameters must require
   * gradients and have none yet.
   *
   * @throws IllegalStateException when libtorch did not keep the flat tensor's slices as the
   *     parameters' gradients (a parameter that already had a gradient, say)
   */
  public MomentumSgd(List<FlatParameters> groups, double lr, double momentum, NDManager manager) {
    this.weights = groups.stream().flatMap(g -> g.views().stream()).toArray(NDArray[]::new);
    this.lr = (float) lr;
    // A device scalar made once: NDArray.muli(Number) would create one every call.
    this.momentum = manager.create((float) momentum);
    long size = 0;
    for (NDArray w : weights) {
      size += w.size();
    }
    this.states = manager.zeros(new Shape(size), weights[0].getDataType(), weights[0].getDevice());
    this.buffers = new NDArray[groups.size()];
    this.bufferStates = new NDArray[groups.size()];
    long from = 0;
    for (int j = 0; j < buffers.length; j++) {
      buffers[j] = groups.get(j).buffer();
      NDArray slice = Torch.slice(states, 0, from, from + buffers[j].size());
      bufferStates[j] = slice.reshape(buffers[j].getShape());
      bufferStates[j].attach(manager);
      from += buffers[j].size();
    }
    this.grads = bindGradients(manager);
  }

  /** The one backward that makes each parameter's gradient its slice of {@code states}. */
  private NDArray[] bindGradients(NDManager manager) {
    boolean wasRecording = Torch.recording(true);
    try (NDManager scope = manager.newSubManager()) {
      NDArray[] flat = new NDArray[weights.length];
      for (int i = 0; i < weights.length; i++) {
        flat[i] = Torch.flattenAll(weights[i]);
        flat[i].attach(scope);
      }
      NDArray all = Torch.cat(flat, 0);
      all.attach(scope);
      Torch.backward(all, states);
    } finally {
      Torch.recording(wasRecording);
    }
    NDArray[] out = new NDArray[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = Torch.gradient(weights[i]);
      out[i].attach(manager);
    }
    checkViews(out, manager);
    return out;
  }

  /** Writes ones into {@code states}, reads them back through the gradients, and zeroes it. */
  private void checkViews(NDArray[] gradients, NDManager manager) {
    boolean wasRecording = Torch.recording(false);
    try (NDManager scope = manager.newSubManager()) {
      NDArray one = scope.create(1f).toDevice(states.getDevice(), false);
      one.attach(scope);
      states.addi(one);
      double seen = 0;
      for (NDArray g : gradients) {
        NDArray s = g.sum();
        s.attach(scope);
        seen += s.getFloat();
      }
      states.subi(one);
      if (seen != states.size()) {
        throw new IllegalStateException("libtorch did not keep the slices of the flat momentum"
            + " state as the parameters' gradients (" + (long) seen + " of " + states.size()
            + " values seen); do the parameters already have gradients?");
      }
    } finally {
      Torch.recording(wasRecording);
    }
  }

  /** What the loss gradient must be multiplied by before backward: the learning rate. */
  float gradientScale() {
    return lr;
  }

  /**
   * The momentum state of every parameter as it stands between steps ({@code m·state}, held in
   * the gradient tensors), for a checkpoint: zeros before the first step.
   */
  List<NDArray> state() {
    return List.of(grads);
  }

  /**
   * Puts the parameters and momentum states of a checkpoint back, in place: the tensors stay the
   * ones the forward pass and the backward hold, only their values change, to the saved bits.
   */
  void restore(List<NDArray> savedWeights, List<NDArray> savedStates) {
    boolean wasRecording = Torch.recording(false);
    try {
      for (int i = 0; i < weights.length; i++) {
        Torch.copyInto(weights[i], savedWeights.get(i));
        Torch.copyInto(grads[i], savedStates.get(i));
      }
    } finally {
      Torch.recording(wasRecording);
    }
  }

  /**
   * Applies the state the last backward pass left in the gradients ({@code w -= g}, one kernel
   * per group) and decays it for the next one ({@code g *= m}, one kernel over the flat state).
   */
  void step() {
    // In-place updates of leaves that require gradients are only allowed without autograd.
    boolean wasRecording = Torch.recording(false);
    for (int j = 0; j < buffers.length; j++) {
      Torch.subtractInPlace(buffers[j], bufferStates[j]);
    }
    Torch.multiplyInPlace(states, momentum);
    Torch.recording(wasRecording);
  }
}
