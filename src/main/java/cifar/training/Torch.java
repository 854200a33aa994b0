package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few libtorch calls the training step makes below DJL's engine-neutral API, each one native
 * call where the NDArray route takes several. They are the per-step hot path at batch 4, where a
 * step costs about a millisecond and every native call and Java allocation shows.
 *
 * <p>Only the PyTorch engine is supported by this project, so the casts always hold.
 */
final class Torch {
  private Torch() {}

  /** Rows {@code from..to} of {@code array} as a view: no copy. */
  static NDArray rows(NDArray array, long from, long to) {
    return JniUtils.slice((PtNDArray) array, 0, from, to, 1);
  }

  /**
   * Back-propagates from {@code target} with the given output gradient. DJL's {@code
   * GradientCollector.backward} would create a ones tensor (and copy it to the device) every step.
   */
  static void backward(NDArray target, NDArray outputGradient) {
    JniUtils.backward((PtNDArray) target, (PtNDArray) outputGradient, false, false);
  }

  /**
   * The gradient tensor of a parameter, defined after the first backward. libtorch accumulates
   * later gradients into this same tensor in place, so it is fetched once and kept.
   */
  static NDArray gradient(NDArray parameter) {
    return JniUtils.getGradient((PtNDArray) parameter);
  }

  /**
   * One SGD-with-momentum update in one native call: {@code state = momentum·state + lr·grad;
   * weight -= state}. That is PyTorch's {@code buf = momentum·buf + grad; weight -= lr·buf} with
   * the buffer scaled by the (constant) learning rate, so the trajectories are the same.
   */
  static void sgdMomentum(NDArray weight, NDArray grad, NDArray state, float lr, float momentum) {
    JniUtils.sgdUpdate((PtNDArray) weight, (PtNDArray) grad, (PtNDArray) state,
        lr, 0f, 1f, -1f, momentum);
  }

  /** Zeroes a parameter's gradient in place, ready for the next step's accumulation. */
  static void zeroGradient(NDArray parameter) {
    JniUtils.zeroGrad((PtNDArray) parameter);
  }
}
