package cifar.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.config.RunConfig;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeededDropoutTest {
  @Test
  void zeroesAboutPAndScalesTheRestInTrainingOnlyInTraining() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      SeededDropout d = new SeededDropout(0.2, new SplittableRandom(3));
      d.initialize(m, DataType.FLOAT32, new Shape(100, 100));
      NDArray x = m.ones(new Shape(100, 100));
      ParameterStore store = new ParameterStore(m, false);
      float[] out = d.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
      long zeros = 0;
      for (float v : out) {
        if (v == 0f) {
          zeros++;
        } else {
          assertEquals(1.25f, v, 1e-6f, "kept values are scaled by 1/(1-p)");
        }
      }
      assertEquals(2_000, zeros, 200, "about 20% of 10,000 zeroed");
      float[] eval = d.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
      assertTrue(Arrays.equals(x.toFloatArray(), eval), "evaluation passes values through");
    }
  }

  /** The bug this class fixes: with DJL's Dropout, reseeding libtorch (as a run starting beside it does) changed the masks. */
  @Test
  void masksDoNotDependOnLibtorchsGenerator() {
    RunConfig c = RunConfig.baseline().with("dropout", "0.2");
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      float[] first = trainingForward(c, m, 0, 1);
      float[] second = trainingForward(c, m, 0, 99);
      assertArrayEquals(first, second, "same seed, libtorch reseeded in between");
      assertFalse(Arrays.equals(first, trainingForward(c.with("seed", "2"), m, 0, 1)),
          "another seed gives other weights and masks");
    }
  }

  @Test
  void replicasGetTheSameWeightsButMasksOfTheirOwn() {
    RunConfig c = RunConfig.baseline().with("dropout", "0.2");
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Block a = BlitzNet.build(c, m, 0);
      Block b = BlitzNet.build(c, m, 1);
      a.getParameters().forEach(p -> assertArrayEquals(p.getValue().getArray().toFloatArray(),
          b.getParameters().get(p.getKey()).getArray().toFloatArray(), p.getKey()));
      assertFalse(Arrays.equals(trainingForward(c, m, 0, 1), trainingForward(c, m, 1, 1)));
    }
  }

  private static float[] trainingForward(RunConfig c, NDManager m, int replica, int libtorchSeed) {
    Block net = BlitzNet.build(c, m, replica);
    Engine.getInstance().setRandomSeed(libtorchSeed);
    NDArray x = m.ones(new Shape(4).addAll(BlitzNet.IMAGE));
    return net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow()
        .toFloatArray();
  }
}
