package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MomentumSgd} keeps its momentum in the gradient tensors. Checked against PyTorch's
 * update written out on the host, {@code buf = m·buf + g; w -= lr·buf}, with the gradients g
 * taken by libtorch from the same weights, over steps with different data, so that a lost,
 * doubled or undecayed momentum shows.
 */
class MomentumSgdTest {
  private static final float LR = 0.05f;
  private static final float MOMENTUM = 0.9f;

  @Test
  void takesPyTorchsMomentumSteps() {
    Random random = new Random(7);
    float[] w0 = new float[12];
    for (int i = 0; i < w0.length; i++) {
      w0[i] = (float) random.nextGaussian();
    }
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      NDArray w = manager.create(w0, new Shape(4, 3));
      w.setRequiresGradient(true);
      MomentumSgd sgd = new MomentumSgd(List.of(w), LR, MOMENTUM, manager);
      double[] reference = toDouble(w0);
      double[] buffer = new double[w0.length];
      for (int step = 0; step < 6; step++) {
        NDArray x = manager.randomNormal(new Shape(5, 4));
        // The reference gradient at the current weights, from a detached copy.
        double[] g = gradient(manager, w.duplicate(), x);
        for (int i = 0; i < g.length; i++) {
          buffer[i] = MOMENTUM * buffer[i] + g[i];
          reference[i] -= LR * buffer[i];
        }
        // The step as EpochLoop takes it: backward from a gradient scaled by lr, then step().
        boolean was = Torch.recording(true);
        NDArray loss = loss(w, x);
        Torch.backward(loss, manager.full(loss.getShape(), sgd.gradientScale()));
        Torch.recording(was);
        sgd.step();
        assertArrayEquals(reference, toDouble(w.toFloatArray()), 1e-5, "after step " + (step + 1));
      }
      // The weights moved well beyond rounding, so the comparison above has teeth.
      assertTrue(distance(reference, toDouble(w0)) > 0.1, "the weights hardly moved");
    }
  }

  /** A loss whose gradient depends on the weights: mean over rows of (x·w)², one value. */
  private static NDArray loss(NDArray w, NDArray x) {
    return x.matMul(w).square().sum().div(x.getShape().get(0)).reshape(1);
  }

  private static double[] gradient(NDManager manager, NDArray w, NDArray x) {
    w.setRequiresGradient(true);
    boolean was = Torch.recording(true);
    NDArray loss = loss(w, x);
    Torch.backward(loss, manager.ones(loss.getShape()));
    Torch.recording(was);
    return toDouble(w.getGradient().toFloatArray());
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
