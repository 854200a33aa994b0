package cifar.search;

import ai.djl.training.hyperparameter.param.HpFloat;
import ai.djl.training.hyperparameter.param.HpInt;
import ai.djl.training.hyperparameter.param.Hyperparameter;
import java.util.List;

/**
 * A whole number drawn from low..high, both included: uniformly, or log-uniformly (each doubling
 * of a layer's width as likely as the next, as {@link Real} does for reals). DJL's {@link HpInt}
 * leaves its upper bound out, so it is asked for low..high+1; it has no log scale, so a log draw
 * takes an {@link HpFloat} over [low, high + 1) and rounds down.
 *
 * @param low the smallest value, at least 0
 * @param high the largest value, above low
 * @param log whether the draw is log-uniform (low must then be at least 1)
 */
public record IntRange(int low, int high, boolean log) implements Distribution {
  public IntRange {
    if (low < 0 || high <= low || high == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("needs two whole numbers, 0 <= the first < the second");
    }
    if (log && low < 1) {
      throw new IllegalArgumentException("a log range of whole numbers must start at 1 or more");
    }
  }

  @Override
  public Hyperparameter<?> hyperparameter(String key) {
    return log ? new HpFloat(key, low, high + 1f, true) : new HpInt(key, low, high + 1);
  }

  @Override
  public Object value(Object drawn) {
    int v = (int) Math.floor(((Number) drawn).doubleValue());
    return Math.max(low, Math.min(high, v));
  }

  @Override
  public String describe() {
    return (log ? "log-int " : "int ") + low + ".." + high;
  }

  @Override
  public List<Object> extremes() {
    return List.of(low, high);
  }
}
