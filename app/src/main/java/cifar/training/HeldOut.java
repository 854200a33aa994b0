package cifar.training;

import ai.djl.ndarray.NDManager;
import cifar.UserError;
import cifar.config.RunConfig;

/**
 * What one run trains on and what it validates on, cut from the uploaded training split: the
 * last {@code validation} images are held out, the same images for every run whatever its
 * {@code train_limit}, and the run trains on the first {@code train_limit} (all when 0) of the
 * images before them. A search ranks configs on the held-out images, so the test set never
 * decides which config wins; they must therefore never be trained on.
 *
 * @param train the images the run trains on
 * @param validation the held-out images, or null when the run holds none out
 */
record HeldOut(DeviceSplit train, DeviceSplit validation) {

  /**
   * The run's splits of {@code uploaded}, as views attached to {@code manager}.
   *
   * @throws UserError when the split would leave nothing to train on
   */
  static HeldOut of(DeviceSplit uploaded, RunConfig config, NDManager manager) {
    int n = uploaded.size();
    int held = config.validation();
    if (held >= n) {
      throw new UserError("validation: " + held + " images held out of " + n + " training"
          + " images leave none to train on; hold out fewer");
    }
    DeviceSplit pool = uploaded.rows(0, n - held, manager);
    return new HeldOut(pool.limit(config.trainLimit(), manager),
        held == 0 ? null : uploaded.rows(n - held, n, manager));
  }
}
