package cifar.vugrad.data;

import java.util.Random;

/**
 * vugrad's synthetic task ({@code load_synth}): two features drawn from a standard normal, class
 * 1 where the quadratic form xᵀQx exceeds 0.6 with Q = [[1, 0.5], [1, 0.2]], else class 0. The
 * decision boundary is an ellipse, so a linear model cannot learn it but a small MLP can.
 *
 * <p>The definition is vugrad's; the random numbers come from {@link Random} with the given seed,
 * so the rows differ from numpy's but follow the same distribution.
 */
public final class Synth {
  public static final int TRAIN = 60_000;
  public static final int VALIDATION = 10_000;
  static final double THRESHOLD = 0.6;
  static final double[][] Q = {{1, 0.5}, {1, 0.2}};

  private Synth() {}

  public static Dataset load(long seed) {
    return load(TRAIN, VALIDATION, seed);
  }

  public static Dataset load(int numTrain, int numValidation, long seed) {
    Random random = new Random(seed);
    return new Dataset(split(numTrain, random), split(numValidation, random), 2);
  }

  private static Split split(int n, Random random) {
    double[] x = new double[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = random.nextGaussian();
      x[2 * i + 1] = random.nextGaussian();
      y[i] = quadraticForm(x[2 * i], x[2 * i + 1]) > THRESHOLD ? 1 : 0;
    }
    return new Split(x, 2, y);
  }

  /** xᵀQx = Σ_f Σ_k x_f Q_fk x_k (numpy: {@code einsum('bf, fk, bk -> b', x, Q, x)}). */
  static double quadraticForm(double x0, double x1) {
    double[] x = {x0, x1};
    double q = 0;
    for (int f = 0; f < 2; f++) {
      for (int k = 0; k < 2; k++) {
        q += x[f] * Q[f][k] * x[k];
      }
    }
    return q;
  }
}
