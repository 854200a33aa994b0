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
   * Weights drawn as vugrad drew them when the study was made: standard normal values times
   * 2 / (in + out), the {@code glorot_std} of vugrad's {@code modules.py} before its pull request
   * #2 ("Take sqrt for glorot init"; the file as at commit 00cd762 of github.com/dlvu/vugrad).
   * Since that change vugrad takes the square root, √(2 / (in + out)), the textbook Glorot
   * normal (modules.py as at commit ae32e08). We keep the older scale so runs compare with the
   * study. Biases start at zero.
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
