package cifar.vugrad.nn;

import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.ops.BatchMM;
import cifar.vugrad.ops.Expand;
import java.util.List;
import java.util.Random;

/** A linear layer: each input row x becomes W·x + b. */
public final class Linear implements Module {
  private final TensorNode w;
  private final TensorNode b;

  /**
   * Weights drawn as vugrad draws them: standard normal values times 2 / (in + out). (vugrad calls
   * this Glorot; the textbook Glorot normal uses the square root, √(2 / (in + out)). We keep
   * vugrad's scale so runs compare with the study.) Biases start at zero.
   */
  public Linear(int inputSize, int outputSize, Random random) {
    double scale = 2.0 / (inputSize + outputSize);
    double[] weights = new double[outputSize * inputSize];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextGaussian() * scale;
    }
    this.w = new TensorNode(Tensor.of(new int[] {outputSize, inputSize}, weights), "w");
    this.b = new TensorNode(Tensor.zeros(1, outputSize), "b");
  }

  @Override
  public TensorNode forward(TensorNode input) {
    Shapes.requireRank(() -> "Linear", input.value(), 2);
    int n = input.value().size(0);
    TensorNode x = BatchMM.OP.apply(w, input);
    // Broadcast the (1, out) bias over the n rows explicitly, so it gets a gradient: Expand's
    // backward sums the n rows' gradients back into the one bias row.
    return x.plus(new Expand(0, n).apply(b));
  }

  @Override
  public List<TensorNode> parameters() {
    return List.of(w, b);
  }
}
