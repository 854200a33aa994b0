package cifar.vugrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.ops.BatchMM;
import cifar.vugrad.ops.Sum;
import org.junit.jupiter.api.Test;

/** Constants (data) get no gradient; everything computed from a parameter does. */
class RequiresGradTest {

  @Test
  void outputsRequireGradWhenAnyInputDoes() {
    TensorNode data = TensorNode.constant(Tensor.matrix(1, 2, 1, 2));
    TensorNode other = TensorNode.constant(Tensor.matrix(1, 2, 3, 4));
    TensorNode param = new TensorNode(Tensor.matrix(1, 2, 5, 6));
    assertTrue(param.requiresGrad(), "a leaf made with the constructor is a parameter");
    assertFalse(data.requiresGrad());
    assertFalse(data.plus(other).requiresGrad());
    assertTrue(data.plus(param).requiresGrad());
    assertTrue(param.times(-1.0).requiresGrad());
  }

  /** Z = X·W with X data: W still gets Xᵀ·G, X keeps zeros, and the op computed no dX. */
  @Test
  void dataGetsNoGradientButParametersDo() {
    TensorNode x = TensorNode.constant(Tensor.matrix(2, 2, 1, 2, 3, 4));
    TensorNode w = new TensorNode(Tensor.matrix(2, 1, 5, 6));
    Sum.OP.apply(x.matmul(w)).backward();
    assertArrayEquals(new double[] {4, 6}, w.grad().values()); // column sums of X
    assertArrayEquals(new double[4], x.grad().values());
  }

  @Test
  void productsSkipTheGradientNobodyNeeds() {
    Tensor w = Tensor.matrix(1, 2, 5, 6);
    Tensor x = Tensor.matrix(2, 2, 1, 2, 3, 4);
    Tensor g = Tensor.matrix(2, 1, 1, 1);
    Context context = new Context();
    context.setNeedsGrad(new boolean[] {true, false});
    BatchMM.OP.forward(context, w, x);
    Tensor[] grads = BatchMM.OP.backward(context, g);
    assertArrayEquals(new double[] {4, 6}, grads[0].values());
    assertNull(grads[1]);

    Context mm = new Context();
    mm.setNeedsGrad(new boolean[] {false, true});
    MatrixMultiply.OP.forward(mm, x, Tensor.matrix(2, 1, 5, 6));
    assertNull(MatrixMultiply.OP.backward(mm, g)[0]);
  }
}
