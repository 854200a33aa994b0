package cifar.training;

import cifar.config.RunConfig;
import cifar.model.BlitzNet;

/**
 * The {@link RunEstimator} of the CNN ({@link BlitzNet}): a config fits when its convs leave a
 * 32×32 image at least a 1×1 map, and an image costs a fixed overhead per training step, shared
 * by the batch, plus a cost per multiply-add of the net. The two constants were fitted to the
 * study on the 2-core build machines (docs/benchmarks/JOURNAL.md, "The whole study"); the runs they put
 * first were the longest measured there.
 */
public final class CnnEstimator implements RunEstimator {
  /** The CNN's estimates. */
  public static final RunEstimator CNN = new CnnEstimator();
  /** Seconds of overhead per training step, whatever its batch size. */
  static final double STEP_SECONDS = 727e-6;
  /** Seconds per multiply-add of one image's forward pass, backward and update included. */
  static final double MULTIPLY_ADD_SECONDS = 172e-12;

  private CnnEstimator() {}

  @Override
  public void check(RunConfig config) {
    BlitzNet.checkFits(config);
  }

  @Override
  public double secondsPerImage(RunConfig c) {
    return STEP_SECONDS / c.batchSize() + MULTIPLY_ADD_SECONDS * BlitzNet.multiplyAdds(c);
  }
}
