package cifar.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation of {@code nn.Conv2d} and {@code nn.Linear}: weights and biases
 * uniform in ±1/√fan_in. (PyTorch writes the weight's bound as kaiming_uniform with a=√5, which
 * works out to the same 1/√fan_in.) DJL's defaults are Xavier weights and zero biases, which
 * train to different accuracies; we want numbers that compare with PyTorch's.
 *
 * <p>The numbers come from a Java random generator shared by all layers of one model, so a seed
 * gives the same initial weights on every device and every engine version.
 */
final class TorchUniform implements Initializer {
  private final double bound;
  private final SplittableRandom random;

  /**
   * @param fanIn inputs feeding one output unit: in_channels·k·k for a conv, in_features for a
   *     linear layer (the bias uses its layer's weight fan-in, as in PyTorch)
   * @param random the model's generator; layers draw from it in construction order
   */
  TorchUniform(long fanIn, SplittableRandom random) {
    this.bound = 1.0 / Math.sqrt(fanIn);
    this.random = random;
  }

  double bound() {
    return bound;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextDouble(-bound, bound));
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
