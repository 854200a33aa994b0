package cifar.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import cifar.vugrad.Multiply;
import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.check.OpCase;
import cifar.vugrad.check.OpCases;
import cifar.vugrad.nn.Functions;
import cifar.vugrad.nn.MLP;
import cifar.vugrad.ops.Sum;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * vugrad's gradients against PyTorch autograd (through DJL), in float64, for a representative set
 * of ops and a whole MLP loss. The only place where vugrad and DJL meet, and only in a test.
 */
class VugradVsPyTorchTest {
  private static final double TOLERANCE = 1e-10;
  private static NDManager manager;

  /**
   * The same functions in PyTorch: each gets the inputs and the target classes that vugrad's
   * OpCases drew (the targets only matter for Select and the losses).
   */
  private static final Map<String, BiFunction<NDArray[], int[], NDArray>> TORCH =
      Map.ofEntries(
          Map.entry("Add", (x, t) -> x[0].add(x[1])),
          Map.entry("Sub", (x, t) -> x[0].sub(x[1])),
          Map.entry("Multiply", (x, t) -> x[0].mul(x[1])),
          Map.entry("Divide", (x, t) -> x[0].div(x[1])),
          Map.entry("Log", (x, t) -> x[0].log()),
          Map.entry("Exp", (x, t) -> x[0].exp()),
          Map.entry("Square", (x, t) -> x[0].square()),
          Map.entry("Sigmoid", (x, t) -> Activation.sigmoid(x[0])),
          Map.entry("Tanh", (x, t) -> x[0].tanh()),
          Map.entry("ReLU", (x, t) -> Activation.relu(x[0])),
          Map.entry("MatrixMultiply", (x, t) -> x[0].matMul(x[1])),
          Map.entry("BatchMM", (x, t) -> x[1].matMul(x[0].transpose())),
          Map.entry("Expand(axis 0)", (x, t) -> x[0].broadcast(new Shape(4, 3))),
          Map.entry("Sum", (x, t) -> x[0].sum()),
          Map.entry("RowSum", (x, t) -> x[0].sum(new int[] {1})),
          Map.entry("RowMax", (x, t) -> x[0].max(new int[] {1})),
          Map.entry("Normalize", (x, t) -> x[0].div(x[0].sum(new int[] {1}, true))),
          Map.entry("Select", (x, t) -> select(x[0], t)),
          Map.entry("softmax", (x, t) -> x[0].softmax(1)),
          Map.entry("logsoftmax", (x, t) -> x[0].logSoftmax(1)),
          Map.entry("celoss", (x, t) -> select(x[0].softmax(1).log(), t).sum().neg()),
          Map.entry("logceloss", (x, t) -> select(x[0], t).sum().neg()));

  @BeforeAll
  static void start() {
    assertEquals("PyTorch", Engine.getInstance().getEngineName());
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  @Test
  void representativeOpsAgreeWithPyTorchAutograd() {
    for (long seed : new long[] {1, 2, 3}) {
      Random random = new Random(seed);
      List<OpCase> cases = OpCases.all(random);
      int[] targets = OpCases.targetsOf(new Random(seed));
      int compared = 0;
      for (OpCase c : cases) {
        BiFunction<NDArray[], int[], NDArray> torch = TORCH.get(c.name());
        if (torch == null) {
          continue;
        }
        Tensor weights = weights(c, random);
        double[][] ours = vugradGradients(c, weights);
        double[][] theirs = torchGradients(c.inputs(), weights, x -> torch.apply(x, targets));
        for (int i = 0; i < ours.length; i++) {
          assertClose(theirs[i], ours[i], c.name() + " input " + i + " seed " + seed);
        }
        compared++;
      }
      assertEquals(TORCH.size(), compared, "every op in the table was compared");
    }
  }

  @Test
  void wholeMlpLossAgreesWithPyTorchAutograd() {
    for (cifar.vugrad.nn.Activation activation : cifar.vugrad.nn.Activation.values()) {
      Random random = new Random(17);
      MLP mlp = new MLP(3, 6, 4, activation, random);
      Tensor batch = Tensor.of(new int[] {5, 3}, gaussians(random, 15));
      int[] targets = {0, 3, 1, 2, 3};
      TensorNode loss = Functions.logceloss(mlp.forward(new TensorNode(batch)), targets);
      loss.backward();
      List<TensorNode> p = mlp.parameters(); // w1, b1, w2, b2

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray[] params = new NDArray[4];
        for (int i = 0; i < 4; i++) {
          params[i] = array(p.get(i).value());
          params[i].setRequiresGradient(true);
        }
        NDArray x = array(batch);
        NDArray hidden = x.matMul(params[0].transpose()).add(params[1]);
        hidden =
            switch (activation) {
              case SIGMOID -> Activation.sigmoid(hidden);
              case RELU -> Activation.relu(hidden);
              case TANH -> hidden.tanh();
            };
        NDArray out = hidden.matMul(params[2].transpose()).add(params[3]).logSoftmax(1);
        NDArray torchLoss = select(out, targets).sum().neg();
        assertEquals(torchLoss.getDouble(), loss.value().item(), 1e-12);
        collector.backward(torchLoss);
        for (int i = 0; i < 4; i++) {
          assertClose(params[i].getGradient().toDoubleArray(), p.get(i).grad().values(), activation + " parameter " + i);
        }
      }
    }
  }

  private static double[][] vugradGradients(OpCase c, Tensor weights) {
    TensorNode[] nodes = new TensorNode[c.inputs().length];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new TensorNode(c.inputs()[i].copy());
    }
    Sum.OP.apply(Multiply.OP.apply(c.function().apply(nodes), new TensorNode(weights))).backward();
    double[][] grads = new double[nodes.length][];
    for (int i = 0; i < nodes.length; i++) {
      grads[i] = nodes[i].grad().values();
    }
    return grads;
  }

  private static double[][] torchGradients(
      Tensor[] inputs, Tensor weights, java.util.function.Function<NDArray[], NDArray> f) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray[] x = new NDArray[inputs.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = array(inputs[i]);
        x[i].setRequiresGradient(true);
      }
      NDArray out = f.apply(x);
      collector.backward(out.mul(array(weights).reshape(out.getShape())).sum());
      double[][] grads = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        NDArray g = x[i].getGradient();
        assertNotNull(g);
        assertEquals(DataType.FLOAT64, g.getDataType());
        grads[i] = g.toDoubleArray();
      }
      return grads;
    }
  }

  /** The loss weights, drawn as OpCase draws them, over the shape of the function's output. */
  private static Tensor weights(OpCase c, Random random) {
    TensorNode[] nodes = new TensorNode[c.inputs().length];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new TensorNode(c.inputs()[i]);
    }
    Tensor out = c.function().apply(nodes).value();
    return out.withValues(gaussians(random, out.size()));
  }

  private static NDArray select(NDArray x, int[] targets) {
    long[] index = new long[targets.length];
    for (int i = 0; i < index.length; i++) {
      index[i] = targets[i];
    }
    return x.gather(manager.create(index, new Shape(index.length, 1)), 1).reshape(index.length);
  }

  private static NDArray array(Tensor t) {
    long[] shape = new long[t.rank()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = t.size(i);
    }
    return manager.create(t.values().clone(), new Shape(shape));
  }

  private static double[] gaussians(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= TOLERANCE * scale,
          what + "[" + i + "]: PyTorch " + expected[i] + ", vugrad " + actual[i]);
    }
  }
}
