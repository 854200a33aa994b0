package cifar.vugrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.ops.Exp;
import cifar.vugrad.ops.Sigmoid;
import cifar.vugrad.ops.Sum;
import org.junit.jupiter.api.Test;

class GraphTest {

  /** The study's walk-through: two (4, 2) nodes A and B, and C = A + B. */
  @Test
  void walkThroughOfTheStudy() {
    Tensor a = Tensor.matrix(4, 2, 1, 2, 3, 4, 5, 6, 7, 8);
    Tensor b = Tensor.matrix(4, 2, 10, 20, 30, 40, 50, 60, 70, 80);
    TensorNode nodeA = new TensorNode(a, "A");
    TensorNode nodeB = new TensorNode(b, "B");

    TensorNode c = nodeA.plus(nodeB);

    assertArrayEquals(new double[] {11, 22, 33, 44, 55, 66, 77, 88}, c.value().values());
    assertArrayEquals(new int[] {4, 2}, c.shape());
    assertTrue(c.source().op() instanceof Add);
    assertSame(nodeA, c.source().inputs().get(0));
    assertSame(nodeB, c.source().inputs().get(1));
    assertSame(c, c.source().outputs().get(0));
    assertNull(nodeA.source());
    assertArrayEquals(new double[8], nodeA.grad().values(), "A's grad is zeros before backward");
    assertArrayEquals(new int[] {4, 2}, nodeA.grad().shape());

    Sum.OP.apply(c).backward();
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, nodeA.grad().values());
  }

  @Test
  void backwardOnlyFromAScalar() {
    TensorNode x = new TensorNode(Tensor.matrix(2, 2, 1, 2, 3, 4));
    TensorNode y = Exp.OP.apply(x);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("scalar") && e.getMessage().contains("(2, 2)"), e.getMessage());
  }

  @Test
  void backwardSeedsTheRootWithOne() {
    TensorNode x = new TensorNode(Tensor.vector(1, 2, 3));
    TensorNode loss = Sum.OP.apply(x);
    loss.backward();
    assertEquals(1.0, loss.grad().item());
  }

  /** The same node on both sides of one op: d(x·x)/dx = 2x, d(x + x)/dx = 2. */
  @Test
  void sameNodeOnBothSidesGetsBothContributions() {
    TensorNode x = new TensorNode(Tensor.vector(1.5, -2, 3));
    Sum.OP.apply(x.times(x)).backward();
    assertArrayEquals(new double[] {3, -4, 6}, x.grad().values(), 1e-12);

    TensorNode y = new TensorNode(Tensor.vector(1.5, -2, 3));
    Sum.OP.apply(y.plus(y)).backward();
    assertArrayEquals(new double[] {2, 2, 2}, y.grad().values(), 1e-12);
  }

  /**
   * A diamond: x feeds e = exp(x) and s = σ(x), which meet again in z = e ⊙ s. The chain rule
   * sums both paths: dz/dx = e·s + e·s(1 − s).
   */
  @Test
  void diamondSumsBothPaths() {
    double[] values = {-1, 0.5, 2};
    TensorNode x = new TensorNode(Tensor.vector(values));
    TensorNode z = Exp.OP.apply(x).times(Sigmoid.OP.apply(x));
    Sum.OP.apply(z).backward();
    for (int i = 0; i < values.length; i++) {
      double e = Math.exp(values[i]);
      double s = 1 / (1 + Math.exp(-values[i]));
      assertEquals(e * s + e * s * (1 - s), x.grad().get(i), 1e-12);
    }
  }

  /** An intermediate result used by two later ops gets both gradients before passing them on. */
  @Test
  void intermediateUsedTwiceIsComplete() {
    TensorNode x = new TensorNode(Tensor.vector(1, 2));
    TensorNode y = x.plus(x); // y = 2x
    Sum.OP.apply(y.times(y).plus(y)).backward(); // 4x² + 2x → 8x + 2
    assertArrayEquals(new double[] {10, 18}, x.grad().values(), 1e-12);
  }

  @Test
  void gradientsAccumulateUntilZeroGrad() {
    TensorNode x = new TensorNode(Tensor.vector(1, 2));
    TensorNode loss = Sum.OP.apply(x.times(x));
    loss.backward();
    loss.backward();
    assertArrayEquals(new double[] {4, 8}, x.grad().values(), 1e-12);
    loss.zeroGrad();
    assertArrayEquals(new double[] {0, 0}, x.grad().values());
    loss.backward();
    assertArrayEquals(new double[] {2, 4}, x.grad().values(), 1e-12);
  }

  @Test
  void clearDisconnectsTheGraphButKeepsLeaves() {
    TensorNode x = new TensorNode(Tensor.vector(1, 2));
    TensorNode y = Exp.OP.apply(x);
    TensorNode loss = Sum.OP.apply(y);
    loss.clear();
    assertNull(loss.source());
    assertNull(y.source());
    assertArrayEquals(new double[] {1, 2}, x.value().values());
  }

  /** 100,000 chained ops: a recursive walk would overflow the stack, ours must not. */
  @Test
  void deepGraphsDoNotOverflowTheStack() {
    TensorNode x = new TensorNode(Tensor.vector(0.5, -0.5));
    TensorNode one = new TensorNode(Tensor.vector(1, 1));
    TensorNode y = x;
    int depth = 100_000;
    for (int i = 0; i < depth; i++) {
      y = y.plus(one);
    }
    TensorNode loss = Sum.OP.apply(y);
    assertEquals(depth * 2.0, loss.value().item(), 1e-6);
    loss.backward();
    assertArrayEquals(new double[] {1, 1}, x.grad().values());
    assertArrayEquals(new double[] {depth, depth}, one.grad().values());
    loss.zeroGrad();
    assertArrayEquals(new double[] {0, 0}, one.grad().values());
    loss.clear();
    assertNull(y.source());
  }

  @Test
  void shapeMismatchNamesTheOpAndBothShapes() {
    TensorNode a = new TensorNode(Tensor.zeros(4, 2));
    TensorNode b = new TensorNode(Tensor.zeros(2, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.plus(b));
    assertEquals("Add: shapes differ: (4, 2) and (2, 4)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
    assertTrue(e.getMessage().startsWith("MatrixMultiply:"), e.getMessage());
    assertTrue(e.getMessage().contains("(4, 2) and (4, 2)"), e.getMessage());
  }
}
