package cifar.vugrad.nn;

import cifar.vugrad.TensorNode;
import java.util.List;

/** Plain gradient descent: every parameter takes a step of −lr × its gradient. */
public final class SGD {
  private final List<TensorNode> parameters;
  private final double lr;

  public SGD(List<TensorNode> parameters, double lr) {
    this.parameters = List.copyOf(parameters);
    this.lr = lr;
  }

  /**
   * Changes the parameter values in place. This is not an op: the update is outside the model's
   * function, so it must not become part of any graph.
   */
  public void step() {
    for (TensorNode p : parameters) {
      p.value().addInPlace(-lr, p.grad());
    }
  }

  /**
   * Sets the parameters' gradients back to zero (PyTorch's {@code optimizer.zero_grad()}). They
   * are the only gradients that add up over backward calls, so resetting them is enough, and it
   * needs no walk over the batch's graph as {@code loss.zeroGrad()} does.
   */
  public void zeroGrad() {
    for (TensorNode p : parameters) {
      p.zeroGrad();
    }
  }
}
