package cifar.vugrad.check;

import cifar.vugrad.Multiply;
import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.ops.Sum;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * One thing to gradient-check: a function of some input nodes (an op, or a function built from
 * ops) and random inputs inside its domain.
 */
public record OpCase(String name, Function<TensorNode[], TensorNode> function, Tensor... inputs) {

  /**
   * The largest gradient error of this case. A non-scalar output Y is reduced to the loss
   * L = Σ R ⊙ Y with fixed random weights R, so every output element counts, each differently.
   */
  public double maxError(Random random) {
    List<TensorNode> leaves = new ArrayList<>();
    for (Tensor input : inputs) {
      leaves.add(new TensorNode(input.copy()));
    }
    TensorNode[] nodes = leaves.toArray(new TensorNode[0]);
    Tensor weights = GradCheck.weights(function.apply(nodes).value(), random);
    return GradCheck.maxError(
        leaves, () -> Sum.OP.apply(Multiply.OP.apply(function.apply(nodes), new TensorNode(weights))));
  }
}
