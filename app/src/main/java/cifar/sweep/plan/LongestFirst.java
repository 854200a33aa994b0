package cifar.sweep.plan;

import cifar.config.RunConfig;
import cifar.training.RunEstimator;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Orders the runs of a sweep longest first, so that parallel workers end together instead of
 * one long run training alone at the end while the other cores idle (longest-processing-time-
 * first scheduling: with P workers the sweep then takes at most 4/3 of the best possible time).
 *
 * <p>The estimate only has to rank runs, not predict seconds: epochs times images times what
 * the trainer's {@link RunEstimator} says one image costs.
 */
public final class LongestFirst {
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
  public static double seconds(RunConfig c, RunEstimator estimator) {
    long images = images(c);
    double perImage = estimator.secondsPerImage(c);
    return c.epochs() * images * perImage;
  }

  /** The runs, longest estimate first; runs with equal estimates keep their plan order. */
  public static List<PlannedRun> order(List<PlannedRun> runs, RunEstimator estimator) {
    return order(runs, r -> seconds(r.config(), estimator));
  }

  /** Anything to train, longest {@code seconds} first; equal estimates keep their order. */
  public static <T> List<T> order(List<T> items, ToDoubleFunction<T> seconds) {
    return items.stream().sorted(Comparator.comparingDouble(seconds).reversed()).toList();
  }
}
