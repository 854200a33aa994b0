package cifar.sweep;

import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the runs of a sweep longest first, so that parallel workers end together instead of
 * one long run training alone at the end while the other cores idle (longest-processing-time-
 * first scheduling: with P workers the sweep then takes at most 4/3 of the best possible time).
 *
 * <p>The estimate only has to rank runs, not predict seconds: per image, a fixed cost per step
 * shared by the batch plus a cost per multiply-add of the net. The two constants were fitted to
 * the study on the 2-core build machines (docs/BENCHMARKS.md, "The whole study": baseline 294 µs
 * and batch 32 135 µs per image); the runs they put first were the longest measured there.
 */
public final class LongestFirst {
  /** Seconds of overhead per training step, whatever its batch size. */
  static final double STEP_SECONDS = 727e-6;
  /** Seconds per multiply-add of one image's forward pass, backward and update included. */
  static final double MULTIPLY_ADD_SECONDS = 172e-12;
  private static final int TRAIN_IMAGES = 50_000;

  private LongestFirst() {}

  /**
   * Images one epoch of the run trains on with the whole CIFAR-10: its 50,000 training images
   * but those held out for validation, cut to {@code train_limit}.
   */
  public static long images(RunConfig c) {
    int pool = TRAIN_IMAGES - Math.min(TRAIN_IMAGES, c.validation());
    return c.trainLimit() > 0 ? Math.min(c.trainLimit(), pool) : pool;
  }

  /** Estimated training seconds of a run on one CPU core. */
  public static double seconds(RunConfig c) {
    long images = images(c);
    double perImage = STEP_SECONDS / c.batchSize() + MULTIPLY_ADD_SECONDS * BlitzNet.multiplyAdds(c);
    return c.epochs() * images * perImage;
  }

  /** The runs, longest estimate first; runs with equal estimates keep their plan order. */
  static List<PlannedRun> order(List<PlannedRun> runs) {
    return runs.stream()
        .sorted(Comparator.comparingDouble((PlannedRun r) -> seconds(r.config())).reversed())
        .toList();
  }
}
