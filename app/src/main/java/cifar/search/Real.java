package cifar.search;

import ai.djl.training.hyperparameter.param.HpFloat;
import ai.djl.training.hyperparameter.param.Hyperparameter;
import cifar.sweep.Changes;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * A real number drawn uniformly from [low, high], or log-uniformly (uniform in its logarithm, so
 * 0.0001..0.001 is as likely as 0.001..0.01: the right prior for a learning rate, whose effect is
 * multiplicative). DJL's {@link HpFloat} draws in float precision; the value is then rounded to
 * {@value #DIGITS} significant digits, which keeps configs and run ids readable and is far finer
 * than any effect a trial can show, and clamped back into the bounds the rounding may leave.
 *
 * @param low the smallest value, inclusive (above 0 when log)
 * @param high the largest value, inclusive, above low
 * @param log whether the draw is log-uniform
 */
public record Real(double low, double high, boolean log) implements Distribution {
  static final int DIGITS = 3;

  public Real {
    if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
      throw new IllegalArgumentException("needs two finite bounds, the first below the second");
    }
    if (log && !(low > 0)) {
      throw new IllegalArgumentException("a log-uniform range must lie above 0");
    }
  }

  @Override
  public Hyperparameter<?> hyperparameter(String key) {
    return new HpFloat(key, (float) low, (float) high, log);
  }

  @Override
  public Object value(Object drawn) {
    double v = new BigDecimal(((Number) drawn).doubleValue()).round(new MathContext(DIGITS))
        .doubleValue();
    return Math.max(low, Math.min(high, v));
  }

  @Override
  public String describe() {
    return (log ? "log-uniform [" : "uniform [") + Changes.value(low) + ", "
        + Changes.value(high) + "]";
  }

  @Override
  public List<Object> extremes() {
    return List.of(low, high);
  }
}
