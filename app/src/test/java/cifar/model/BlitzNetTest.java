package cifar.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import cifar.config.ActivationFunction;
import cifar.config.ConfigException;
import cifar.config.RunConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlitzNetTest {
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager(ai.djl.Device.cpu());
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  /** Weights plus biases of a conv layer and a linear layer, counted by hand. */
  private static long conv(long in, long out, long k) {
    return in * out * k * k + out;
  }

  /** Number of trainable values (weights and biases). */
  private static long parameterCount(Block block) {
    return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
  }

  private static long fc(long in, long out) {
    return in * out + out;
  }

  @Test
  void defaultModelHasThePyTorchParameterCount() {
    Block net = BlitzNet.build(RunConfig.baseline(), manager);
    assertEquals(62_006, parameterCount(net));
  }

  @Test
  void parametersAreViewsOfOneFlatTensorHoldingTheDrawnValues() {
    RunConfig config = RunConfig.baseline().with("conv_channels", "15,20,25");
    BlitzNet.Net net = BlitzNet.build(config, manager);
    FlatParameters flat = net.flatParameters();
    List<Parameter> parameters = net.getParameters().values();
    assertEquals(parameterCount(net), flat.buffer().size());
    float[] buffer = flat.buffer().toFloatArray();
    int at = 0;
    for (int i = 0; i < parameters.size(); i++) {
      NDArray array = parameters.get(i).getArray();
      assertSame(flat.views().get(i), array, "parameter " + i + " is the flat tensor's view");
      assertTrue(array.hasGradient(), "parameter " + i + " records gradients");
      float[] values = array.toFloatArray();
      assertArrayEquals(values, Arrays.copyOfRange(buffer, at, at + values.length),
          "parameter " + i + " sits at " + at);
      at += values.length;
    }
    // The values follow the seed's draws in layer order: a net that differs only after its
    // first layer (in its fc units) starts that layer with the same values.
    BlitzNet.Net other = BlitzNet.build(config.with("fc_units", "100,50"), manager);
    assertArrayEquals(parameters.get(0).getArray().toFloatArray(),
        other.getParameters().values().get(0).getArray().toFloatArray());
    // A write to the buffer is a write to the blocks' arrays.
    NDArray last = parameters.get(parameters.size() - 1).getArray();
    float before = last.getFloat(0);
    boolean was = ai.djl.pytorch.jni.JniUtils.isGradMode();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    flat.buffer().subi(1f);
    ai.djl.pytorch.jni.JniUtils.setGradMode(was);
    assertEquals(before - 1f, last.getFloat(0), 1e-6);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = ';', value = {
    "conv_channels;[6, 16]",
    "conv_channels;[20, 25]",
    "conv_channels;[15, 20, 25]",
    "fc_units;[275]",
    "fc_units;[120, 84, 40]",
    "dropout;0.25",
    "fc_activation;tanh",
    "fc_activation;sigmoid",
    "kernel_size;3",
  })
  void everyStudyArchitectureGivesTenScoresPerImage(String key, String value) {
    RunConfig config = RunConfig.baseline().with(key, value);
    Block net = BlitzNet.build(config, manager);
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.randomUniform(-1, 1, new Shape(3, 3, 32, 32));
      NDArray out = net.forward(new ParameterStore(scope, false), new NDList(x), true)
          .singletonOrThrow();
      assertEquals(new Shape(3, 10), out.getShape());
    }
    assertEquals(expectedParameters(config), parameterCount(net));
  }

  /** The architecture rules written out independently: valid convs, pool while the map is ≥ 2. */
  private static long expectedParameters(RunConfig c) {
    long total = 0;
    long in = 3;
    long side = 32;
    int k = c.kernelSize();
    for (int out : c.convChannels()) {
      total += conv(in, out, k);
      side = side - k + 1;
      side = side >= 2 ? side / 2 : side;
      in = out;
    }
    long features = in * side * side;
    for (int units : c.fcUnits()) {
      total += fc(features, units);
      features = units;
    }
    return total + fc(features, 10);
  }

  @Test
  void handCountsOfTheStudyArchitectures() {
    // Written out once more as plain numbers, so a mistake in expectedParameters shows too.
    assertEquals(100_179, parameterCount(
        BlitzNet.build(RunConfig.baseline().with("conv_channels", "20,25"), manager)));
    assertEquals(35_319, parameterCount(
        BlitzNet.build(RunConfig.baseline().with("conv_channels", "15,20,25"), manager)));
    assertEquals(115_907, parameterCount(
        BlitzNet.build(RunConfig.baseline().with("fc_units", "275"), manager)));
  }

  @Test
  void multiplyAddsCountedByHand() {
    // conv1 6·28·28·(3·5·5) + conv2 16·10·10·(6·5·5) + fc 400·120 + 120·84 + 84·10
    assertEquals(352_800 + 240_000 + 48_000 + 10_080 + 840, BlitzNet.multiplyAdds(RunConfig.baseline()));
    // conv 15,20,25: 15·28·28·75 + 20·10·10·375 + 25·1·1·500 (no pool on a 1×1 map), fc 25·120 …
    RunConfig three = RunConfig.baseline().with("conv_channels", "[15, 20, 25]");
    assertEquals(882_000 + 750_000 + 12_500 + 3_000 + 10_080 + 840, BlitzNet.multiplyAdds(three));
  }

  @Test
  void weightsAndBiasesAreUniformInPlusMinusOneOverRootFanIn() {
    Block net = BlitzNet.build(RunConfig.baseline(), manager);
    // PyTorch's fan-ins of the blitz Net: conv1 3·5·5, conv2 6·5·5, fc 400, 120, 84.
    List<Long> fanIns = List.of(75L, 75L, 150L, 150L, 400L, 400L, 120L, 120L, 84L, 84L);
    List<Parameter> params = net.getParameters().values();
    assertEquals(fanIns.size(), params.size());
    for (int i = 0; i < params.size(); i++) {
      float[] v = params.get(i).getArray().toFloatArray();
      double bound = 1 / Math.sqrt(fanIns.get(i));
      double max = 0;
      for (float f : v) {
        max = Math.max(max, Math.abs(f));
      }
      String name = params.get(i).getName() + " #" + i;
      assertTrue(max <= bound, name + ": |value| " + max + " above bound " + bound);
      if (v.length >= 100) {
        // Uniform on ±bound: the largest of ≥100 draws is near the bound, the mean near 0.
        assertTrue(max > 0.9 * bound, name + ": largest " + max + " far below " + bound);
        double mean = 0;
        for (float f : v) {
          mean += f / (double) v.length;
        }
        assertTrue(Math.abs(mean) < 0.2 * bound, name + ": mean " + mean);
      }
    }
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    float[] a = BlitzNet.build(RunConfig.baseline(), manager).getParameters().valueAt(0).getArray()
        .toFloatArray();
    float[] b = BlitzNet.build(RunConfig.baseline(), manager).getParameters().valueAt(0).getArray()
        .toFloatArray();
    float[] c = BlitzNet.build(RunConfig.baseline().with("seed", "2"), manager).getParameters()
        .valueAt(0).getArray().toFloatArray();
    assertTrue(Arrays.equals(a, b));
    assertTrue(!Arrays.equals(a, c));
  }

  @Test
  void layersListTheBlitzNetInForwardOrder() {
    Layer relu = new Layer.Nonlinearity(ActivationFunction.RELU);
    assertEquals(List.of(new Layer.Conv(6, 5), relu, new Layer.MaxPool(), new Layer.Conv(16, 5), relu,
        new Layer.MaxPool(), new Layer.Flatten(), new Layer.Dense(120), relu, new Layer.Dense(84),
        relu, new Layer.Dense(10)), BlitzNet.layers(RunConfig.baseline()));
    // The third conv of 15,20,25 works on a 1×1 map: no pool after it. Dropout after each hidden fc.
    List<Layer> three = BlitzNet.layers(RunConfig.baseline().with("conv_channels", "15,20,25")
        .with("dropout", "0.2").with("fc_activation", "tanh"));
    assertEquals(List.of(new Layer.Conv(25, 5), relu, new Layer.Flatten(), new Layer.Dense(120),
        new Layer.Nonlinearity(ActivationFunction.TANH), new Layer.Dropout(0.2)), three.subList(6, 12));
    assertEquals(BlitzNet.build(RunConfig.baseline(), manager).getChildren().size(),
        BlitzNet.layers(RunConfig.baseline()).size(), "one block per layer");
  }

  @Test
  void tooManyConvLayersIsAConfigError() {
    RunConfig c = RunConfig.baseline().with("conv_channels", "8,8,8,8,8,8,8,8");
    ConfigException e = assertThrows(ConfigException.class, () -> BlitzNet.build(c, manager));
    assertEquals("conv_channels", e.key());
  }
}
