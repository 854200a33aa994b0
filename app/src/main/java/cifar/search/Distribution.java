package cifar.search;

import ai.djl.training.hyperparameter.param.Hyperparameter;
import java.util.List;

/**
 * How a search draws the values of one config key. Each kind hands the drawing to one of DJL's
 * hyperparameter types ({@code HpFloat}, {@code HpInt}, {@code HpCategorical}) and turns what it
 * draws into a value the key accepts; {@link Draws} gives every draw its own seed.
 *
 * <p>Bounds are inclusive and both must be valid values of the key, so every drawn value is one
 * (the sweep file reader checks that, with the file's line).
 */
public sealed interface Distribution permits Real, IntRange, Choice, PerLayer {
  /** The DJL hyperparameter that draws one raw value, named after the key. */
  Hyperparameter<?> hyperparameter(String key);

  /** A raw value drawn by {@link #hyperparameter} as the config key takes it. */
  Object value(Object drawn);

  /** In words, for listings and the report: "log-uniform [0.0005, 0.01]". */
  String describe();

  /** The values to check against the key: the bounds, or every choice. */
  List<Object> extremes();
}
