package cifar.sweep.plan;

import cifar.UserError;
import cifar.config.ConfigKey;
import cifar.config.RunConfig;

/**
 * Command-line settings that apply to every run of a sweep. Each one changes the runs' configs,
 * and so their ids: a 1-epoch smoke test never passes for the real 5-epoch runs.
 *
 * @param repeats seeds per config: seed, seed+1, ..., seed+repeats-1 (the config's seed is 1
 *     unless the file sets one)
 * @param epochs epochs for every run, or null to keep the file's
 * @param trainLimit training images for every run (0 = all), or null to keep the file's
 * @param testLimit test images for every run (0 = all), or null to keep the file's
 */
public record Overrides(int repeats, Integer epochs, Integer trainLimit, Integer testLimit) {
  /** No overrides, one repeat. */
  public static final Overrides NONE = new Overrides(1, null, null, null);

  public Overrides {
    UserError.requireAtLeast("--repeats", repeats, 1);
  }

  /** The config with these overrides applied (validated like any other value). */
  public RunConfig apply(RunConfig c) {
    if (epochs != null) {
      c = c.with(ConfigKey.EPOCHS.key(), epochs);
    }
    if (trainLimit != null) {
      c = c.with(ConfigKey.TRAIN_LIMIT.key(), trainLimit);
    }
    if (testLimit != null) {
      c = c.with(ConfigKey.TEST_LIMIT.key(), testLimit);
    }
    return c;
  }
}
