package cifar.vugrad.check;

import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Compares the gradients that backward computes with central finite differences,
 * (L(v + h) − L(v − h)) / 2h for every element v of every leaf, in double precision.
 *
 * <p>The error of one element is |analytic − numeric| / max(|analytic|, |numeric|, 1): relative
 * where gradients are large, absolute where they are near zero (there a relative error would
 * only measure the rounding noise of the difference quotient).
 */
public final class GradCheck {
  /** The step: small enough for the O(h²) truncation error, large enough for rounding (~ε/h). */
  public static final double STEP = 1e-6;

  /** The largest error we accept; a wrong backward is off by far more (typically ≥ 1e-2). */
  public static final double TOLERANCE = 1e-6;

  private GradCheck() {}

  /**
   * The largest error over all elements of {@code leaves}. {@code loss} must build a fresh graph
   * from the leaves' current values and return its scalar output.
   */
  public static double maxError(List<TensorNode> leaves, Supplier<TensorNode> loss) {
    for (TensorNode leaf : leaves) {
      leaf.zeroGrad();
    }
    TensorNode root = loss.get();
    root.backward();
    root.clear();
    List<double[]> analytic = new ArrayList<>();
    for (TensorNode leaf : leaves) {
      analytic.add(leaf.grad().values().clone());
    }
    double worst = 0;
    for (int l = 0; l < leaves.size(); l++) {
      double[] v = leaves.get(l).value().values();
      for (int i = 0; i < v.length; i++) {
        double original = v[i];
        v[i] = original + STEP;
        double plus = value(loss);
        v[i] = original - STEP;
        double minus = value(loss);
        v[i] = original;
        double numeric = (plus - minus) / (2 * STEP);
        worst = Math.max(worst, error(analytic.get(l)[i], numeric));
      }
    }
    return worst;
  }

  /** The error of one element, as defined above. */
  public static double error(double analytic, double numeric) {
    double scale = Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
    return Math.abs(analytic - numeric) / scale;
  }

  private static double value(Supplier<TensorNode> loss) {
    TensorNode root = loss.get();
    double v = root.value().item();
    root.clear();
    return v;
  }

  /** A random tensor to weigh the outputs of a non-scalar function into one scalar loss. */
  static Tensor weights(Tensor like, Random random) {
    double[] w = new double[like.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextGaussian();
    }
    return like.withValues(w);
  }
}
