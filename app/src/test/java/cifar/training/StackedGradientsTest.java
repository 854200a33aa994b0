package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One stacked step must give each member the gradient its separate step gives: K members (seeds
 * 1..K) built as their separate runs build them, each on a batch of its own, once through K
 * direct forwards and backwards, once through the stacked model. The stacked logits and
 * gradients may differ from the separate ones only by the order of floating-point sums (a
 * batched product sums in its own order), so they must agree to a
 * relative 1e-5 of the largest value; a member reading another's weights, images or masks would
 * be off by order 1.
 */
class StackedGradientsTest {
  private static final int K = 3;
  private static final int B = 4;

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = ';', value = {
    "seed;1",
    "conv_channels;[20, 25]",
    "conv_channels;[15, 20, 25]",
    "fc_activation;tanh",
    "fc_activation;sigmoid",
    "dropout;0.2",
    "kernel_size;3",
  })
  void eachMembersGradientIsItsSeparateRuns(String key, String value) {
    RunConfig base = RunConfig.baseline().with(key, value);
    List<RunConfig> configs = new ArrayList<>();
    for (int i = 0; i < K; i++) {
      configs.add(base.with("seed", i + 1));
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray images = m.randomNormal(new Shape((long) K * B).addAll(BlitzNet.IMAGE));
      NDArray labels = m.create(new long[] {3, 0, 9, 3, 1, 1, 7, 2, 5, 8, 0, 4}, new Shape(K * B, 1));
      StackedModel stacked = StackedModel.build(configs, m);
      List<Block> separate = new ArrayList<>();
      for (RunConfig c : configs) {
        separate.add(BlitzNet.build(c, m));
      }
      boolean was = Torch.recording(true);
      try {
        for (int step = 0; step < 2; step++) { // the second step draws the next dropout masks
          NDArray[] x = new NDArray[K];
          NDArray[] y = new NDArray[K];
          for (int i = 0; i < K; i++) {
            x[i] = Torch.rows(images, i * B, (i + 1) * B);
            y[i] = Torch.rows(labels, i * B, (i + 1) * B);
            NDArray logits = new DirectForward(configs.get(i), separate.get(i)).apply(x[i]);
            Torch.backward(logits.logSoftmax(1).gather(y[i], 1), m.full(new Shape(B, 1), -1f / B));
          }
          NDArray logits = stacked.forward(Torch.cat(x, 1), true);
          assertEquals(new Shape(K, B, 10), logits.getShape());
          Torch.backward(StackedEpochLoop.picked(logits, Torch.stack(y)),
              m.full(new Shape(K, B, 1), -1f / B));
          for (int i = 0; i < K; i++) {
            List<NDArray> own = EpochLoop.parametersOf(separate.get(i));
            List<StackedParameter> all = stacked.parameters();
            assertEquals(own.size(), all.size());
            for (int p = 0; p < own.size(); p++) {
              StackedParameter sp = all.get(p);
              NDArray g = sp.of(sp.arrays().stream().map(Torch::gradient).toList(), i);
              assertClose(Torch.gradient(own.get(p)), g, "member " + i + " parameter " + p
                  + " step " + step);
              assertArrayEquals(own.get(p).toFloatArray(), sp.of(i).toFloatArray(),
                  "initial weights, member " + i + " parameter " + p);
            }
          }
        }
      } finally {
        Torch.recording(was);
      }
    }
  }

  static void assertClose(NDArray expected, NDArray actual, String what) {
    assertEquals(expected.getShape(), actual.getShape(), what);
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    double scale = 0;
    for (float v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 0, what + ": the gradient is all zeros, the test proves nothing");
    for (int j = 0; j < e.length; j++) {
      assertTrue(Math.abs(e[j] - a[j]) <= 1e-5 * scale,
          what + ": element " + j + " is " + a[j] + ", separately " + e[j] + " (scale " + scale + ")");
    }
  }
}
