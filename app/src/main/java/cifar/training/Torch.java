package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import cifar.config.ActivationFunction;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The few libtorch calls the training step makes below DJL's engine-neutral API, each one native
 * call where the NDArray route takes several. They are the per-step hot path at batch 4, where a
 * step costs about a millisecond and every native call and Java allocation shows.
 *
 * <p>Only the PyTorch engine is supported by this project, so the casts always hold.
 */
final class Torch {
  private static final Shape ONES = new Shape(1, 1);
  private static final Shape ZEROS = new Shape(0, 0);
  private static final Shape TWOS = new Shape(2, 2);

  private Torch() {}

  /** A 2-D convolution with stride 1, no padding, no dilation, one group: DJL's Conv2d defaults. */
  static NDArray conv2d(NDArray x, NDArray weight, NDArray bias) {
    return JniUtils.convolution((PtNDArray) x, (PtNDArray) weight, (PtNDArray) bias, ONES, ZEROS,
        ONES, 1);
  }

  /** (K, B, in) times (K, in, out) plus (K, 1, out): K linear layers in two calls. */
  static NDArray batchedLinear(NDArray x, NDArray weight, NDArray bias) {
    return JniUtils.add(JniUtils.bmm((PtNDArray) x, (PtNDArray) weight), (PtNDArray) bias);
  }

  /** The fc activation {@code function} as one libtorch call. */
  static UnaryOperator<NDArray> nonlinearity(ActivationFunction function) {
    return switch (function) {
      case RELU -> Torch::relu;
      case TANH -> Torch::tanh;
      case SIGMOID -> Torch::sigmoid;
    };
  }

  /** 2×2 max pooling with stride 2 (DJL's {@code Pool.maxPool2d} with those shapes). */
  static NDArray maxPool2x2(NDArray x) {
    return JniUtils.maxPool((PtNDArray) x, TWOS, TWOS, ZEROS, false);
  }

  /** Any shape to one dimension, as a view. */
  static NDArray flattenAll(NDArray x) {
    return JniUtils.flatten((PtNDArray) x, 0, -1);
  }

  /** (N, ...) to (N, rest) as a view. */
  static NDArray flatten(NDArray x) {
    return JniUtils.flatten((PtNDArray) x, 1, -1);
  }

  /** x·Wᵀ + b, as DJL's {@code Linear} computes it. */
  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return JniUtils.linear((PtNDArray) x, (PtNDArray) weight, (PtNDArray) bias);
  }

  static NDArray relu(NDArray x) {
    return JniUtils.relu((PtNDArray) x);
  }

  static NDArray tanh(NDArray x) {
    return JniUtils.tanh((PtNDArray) x);
  }

  static NDArray sigmoid(NDArray x) {
    return JniUtils.sigmoid((PtNDArray) x);
  }

  /** Rows {@code from..to} of {@code array} as a view: no copy. */
  static NDArray rows(NDArray array, long from, long to) {
    return slice(array, 0, from, to);
  }

  /** Indices {@code from..to} of {@code axis} of {@code array} as a view: no copy. */
  static NDArray slice(NDArray array, long axis, long from, long to) {
    return JniUtils.slice((PtNDArray) array, axis, from, to, 1);
  }

  /** The arrays joined along an existing {@code axis}. */
  static NDArray cat(NDArray[] arrays, long axis) {
    return JniUtils.cat(pt(arrays), axis);
  }

  /** The arrays joined along a new leading axis. */
  static NDArray stack(NDArray[] arrays) {
    return JniUtils.stack(pt(arrays), 0);
  }

  /** (K, B, ...) to (K, B, rest) as a view: each of K models' rows of features. */
  static NDArray flattenEach(NDArray x) {
    return JniUtils.flatten((PtNDArray) x, 2, -1);
  }

  private static PtNDArray[] pt(NDArray[] arrays) {
    PtNDArray[] out = new PtNDArray[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      out[i] = (PtNDArray) arrays[i];
    }
    return out;
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

  /** {@code target -= amount}, in place. Must run with autograd recording off on a parameter. */
  static void subtractInPlace(NDArray target, NDArray amount) {
    JniUtils.subi((PtNDArray) target, (PtNDArray) amount);
  }

  /** {@code target *= factor}, in place, {@code factor} a device scalar. */
  static void multiplyInPlace(NDArray target, NDArray factor) {
    JniUtils.muli((PtNDArray) target, (PtNDArray) factor);
  }

  /** Turns autograd recording on or off; returns whether it was on. */
  static boolean recording(boolean on) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(on);
    return was;
  }

  /** Zeroes a parameter's gradient in place (the tensor stays the same one). */
  static void zeroGradient(NDArray parameter) {
    JniUtils.zeroGrad((PtNDArray) parameter);
  }

  /**
   * Copies {@code source} into {@code target} in place, from any device: the tensor a replica's
   * network holds stays the same one, only its values change. Must run with autograd recording
   * off when {@code target} is a parameter.
   */
  static void copyInto(NDArray target, NDArray source) {
    NDArray moved = source.toDevice(target.getDevice(), false);
    long[] shape = target.getShape().getShape();
    long[] steps = new long[shape.length];
    Arrays.fill(steps, 1);
    JniUtils.indexSet((PtNDArray) target, (PtNDArray) moved, new long[shape.length], shape, steps);
    if (moved != source) {
      moved.close();
    }
  }
}
