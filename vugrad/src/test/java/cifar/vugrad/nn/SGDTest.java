package cifar.vugrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.ops.Sum;
import java.util.List;
import org.junit.jupiter.api.Test;

class SGDTest {

  /** loss = Σ 3·w, so dloss/dw = 3 everywhere; one step with lr 0.5 moves w by −1.5. */
  @Test
  void stepMovesAgainstTheGradientAndZeroGradResetsIt() {
    TensorNode w = new TensorNode(Tensor.vector(1, 2));
    SGD sgd = new SGD(List.of(w), 0.5);
    Sum.OP.apply(w.times(3.0)).backward();
    sgd.step();
    assertArrayEquals(new double[] {-0.5, 0.5}, w.value().values(), 1e-12);
    sgd.zeroGrad();
    assertArrayEquals(new double[] {0, 0}, w.grad().values());
    Sum.OP.apply(w.times(3.0)).backward();
    assertArrayEquals(new double[] {3, 3}, w.grad().values(), "no gradient left over from before");
  }
}
