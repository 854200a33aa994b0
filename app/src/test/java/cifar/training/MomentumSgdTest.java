package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cifar.model.FlatParameters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MomentumSgd} keeps its momentum in the gradient tensors, views of one flat state, and
 * updates each group of parameters with one kernel on the group's buffer. Checked against
 * PyTorch's update written out on the host, {@code buf = m·buf + g; w -= lr·buf}, with the
 * gradients g taken by libtorch from the same weights, over steps with different data, so that a
 * lost, doubled, undecayed or misplaced momentum shows: two parameters share a flat buffer and a
 * third is its own, so a slice taken at the wrong offset mixes them.
 */
class MomentumSgdTest {
  private static final float LR = 0.05f;
  private static final float MOMENTUM = 0.9f;

  @Test
  void takesPyTorchsMomentumSteps() {
    Random random = new Random(7);
    float[] w0 = gaussian(random, 12);
    float[] b0 = gaussian(random, 3);
    float[] v0 = gaussian(random, 3);
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      FlatParameters flat = FlatParameters.copyOf(
          List.of(manager.create(w0, new Shape(4, 3)), manager.create(b0, new Shape(3))), manager);
      NDArray w = flat.views().get(0);
      NDArray b = flat.views().get(1);
      NDArray v = manager.create(v0, new Shape(3, 1));
      for (NDArray p : List.of(w, b, v)) {
        p.setRequiresGradient(true);
      }
      MomentumSgd sgd = new MomentumSgd(List.of(flat, FlatParameters.of(v)), LR, MOMENTUM,
          manager);
      double[][] reference = {toDouble(w0), toDouble(b0), toDouble(v0)};
      double[][] buffer = {new double[12], new double[3], new double[3]};
      for (int step = 0; step < 6; step++) {
        NDArray x = manager.randomNormal(new Shape(5, 4));
        // The reference gradients at the current weights, from detached copies.
        double[][] g = gradients(manager, w.duplicate(), b.duplicate(), v.duplicate(), x);
        for (int p = 0; p < 3; p++) {
          for (int i = 0; i < g[p].length; i++) {
            buffer[p][i] = MOMENTUM * buffer[p][i] + g[p][i];
            reference[p][i] -= LR * buffer[p][i];
          }
        }
        // The step as EpochLoop takes it: backward from a gradient scaled by lr, then step().
        boolean was = Torch.recording(true);
        NDArray loss = loss(w, b, v, x);
        Torch.backward(loss, manager.full(loss.getShape(), sgd.gradientScale()));
        Torch.recording(was);
        sgd.step();
        assertArrayEquals(reference[0], toDouble(w.toFloatArray()), 1e-5, "w after " + (step + 1));
        assertArrayEquals(reference[1], toDouble(b.toFloatArray()), 1e-5, "b after " + (step + 1));
        assertArrayEquals(reference[2], toDouble(v.toFloatArray()), 1e-5, "v after " + (step + 1));
      }
      // The weights moved well beyond rounding, so the comparison above has teeth.
      assertTrue(distance(reference[0], toDouble(w0)) > 0.1, "the weights hardly moved");
      assertTrue(distance(reference[2], toDouble(v0)) > 0.1, "the last layer hardly moved");
      // The flat buffer is what the update changed: the views read it.
      assertArrayEquals(reference[1], toDouble(java.util.Arrays.copyOfRange(
          flat.buffer().toFloatArray(), 12, 15)), 1e-5, "the buffer's slice of b");
    }
  }

  @Test
  void refusesParametersThatAlreadyHaveGradients() {
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      NDArray w = manager.create(new float[] {1, 2, 3});
      w.setRequiresGradient(true);
      boolean was = Torch.recording(true);
      NDArray loss = w.mul(w).sum();
      Torch.backward(loss, manager.ones(loss.getShape()));
      Torch.recording(was);
      // Its gradient exists, so the binding backward adds into it instead of making a view.
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new MomentumSgd(List.of(FlatParameters.of(w)), LR, MOMENTUM, manager));
      assertTrue(e.getMessage().contains("already have gradients"), e.getMessage());
    }
  }

  /** A loss whose gradients depend on the weights: mean over rows of ((x·w + b)·v)². */
  private static NDArray loss(NDArray w, NDArray b, NDArray v, NDArray x) {
    return x.matMul(w).add(b).matMul(v).square().sum().div(x.getShape().get(0)).reshape(1);
  }

  private static double[][] gradients(NDManager manager, NDArray w, NDArray b, NDArray v,
      NDArray x) {
    for (NDArray p : List.of(w, b, v)) {
      p.setRequiresGradient(true);
    }
    boolean was = Torch.recording(true);
    NDArray loss = loss(w, b, v, x);
    Torch.backward(loss, manager.ones(loss.getShape()));
    Torch.recording(was);
    return new double[][] {toDouble(w.getGradient().toFloatArray()),
        toDouble(b.getGradient().toFloatArray()), toDouble(v.getGradient().toFloatArray())};
  }

  private static float[] gaussian(Random random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
