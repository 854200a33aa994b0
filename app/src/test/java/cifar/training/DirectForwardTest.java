package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DirectForward} must be the DJL block's training forward without the bookkeeping: the same
 * logits to the last bit and, after the same backward, the same gradient in every parameter. Each
 * case builds two nets from one config and seed (same weights, same dropout mask streams), runs
 * one through the block and one directly, and compares.
 */
class DirectForwardTest {
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = ';', value = {
    "seed;1",
    "conv_channels;[20, 25]",
    "conv_channels;[15, 20, 25]",
    "kernel_size;3",
    "fc_units;[275]",
    "fc_units;[120, 84, 40]",
    "fc_activation;tanh",
    "fc_activation;sigmoid",
    "dropout;0.2",
  })
  void givesTheBlocksLogitsAndGradientsExactly(String key, String value) {
    RunConfig config = RunConfig.baseline().with(key, value);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray images = m.randomNormal(new Shape(4).addAll(BlitzNet.IMAGE));
      NDArray labels = m.create(new long[] {3, 0, 9, 3}, new Shape(4, 1));
      Block viaBlock = BlitzNet.build(config, m);
      Block direct = BlitzNet.build(config, m);
      ParameterStore store = new ParameterStore(m, false);
      boolean was = Torch.recording(true);
      try {
        for (int step = 0; step < 2; step++) { // the second step draws the next dropout masks
          NDArray expected = viaBlock.forward(store, new NDList(images), true).singletonOrThrow();
          NDArray actual = new DirectForward(config, direct).apply(images);
          assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), "logits, step " + step);
          backward(expected, labels, m);
          backward(actual, labels, m);
        }
      } finally {
        Torch.recording(was);
      }
      List<Parameter> a = viaBlock.getParameters().values();
      List<Parameter> b = direct.getParameters().values();
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        float[] ga = Torch.gradient(a.get(i).getArray()).toFloatArray();
        float[] gb = Torch.gradient(b.get(i).getArray()).toFloatArray();
        assertTrue(Arrays.stream(toDouble(ga)).anyMatch(v -> v != 0), a.get(i).getName() + " got a gradient");
        assertArrayEquals(ga, gb, "gradient of " + a.get(i).getName() + " #" + i);
      }
    }
  }

  @Test
  void otherSeedsGiveOtherLogits() {
    RunConfig config = RunConfig.baseline();
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray images = m.randomNormal(new Shape(2).addAll(BlitzNet.IMAGE));
      float[] one = new DirectForward(config, BlitzNet.build(config, m)).apply(images).toFloatArray();
      RunConfig other = config.with("seed", "2");
      float[] two = new DirectForward(other, BlitzNet.build(other, m)).apply(images).toFloatArray();
      assertFalse(Arrays.equals(one, two));
    }
  }

  @Test
  void refusesANetOfAnotherConfig() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Block baseline = BlitzNet.build(RunConfig.baseline(), m);
      IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
          () -> new DirectForward(RunConfig.baseline().with("conv_channels", "15,20,25"), baseline));
      assertTrue(fewer.getMessage().contains("blocks"), fewer.getMessage());
      IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
          () -> new DirectForward(RunConfig.baseline().with("dropout", "0.2"),
              BlitzNet.build(RunConfig.baseline().with("fc_units", "120,84,40"), m)));
      assertTrue(kind.getMessage().contains("Dropout") && kind.getMessage().contains("Linear"),
          kind.getMessage());
    }
  }

  /** The training step's loss gradient: −1/b at each picked log-probability. */
  private static void backward(NDArray logits, NDArray labels, NDManager m) {
    NDArray picked = logits.logSoftmax(1).gather(labels, 1);
    Torch.backward(picked, m.full(new Shape(4, 1), -0.25f));
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
