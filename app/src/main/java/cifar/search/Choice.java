package cifar.search;

import ai.djl.training.hyperparameter.param.HpCategorical;
import ai.djl.training.hyperparameter.param.Hyperparameter;
import cifar.sweep.Changes;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One of a list of values, each as likely: batch sizes, activations, or whole lists such as
 * {@code fc_units: [[120, 84], [256]]}. Drawn by DJL's {@link HpCategorical}.
 *
 * @param values the values, already checked and typed by their key, at least two and distinct
 */
public record Choice(List<Object> values) implements Distribution {
  public Choice {
    values = List.copyOf(values);
    if (values.size() < 2) {
      throw new IllegalArgumentException("a choice needs at least two values");
    }
    if (values.stream().distinct().count() < values.size()) {
      throw new IllegalArgumentException("a choice lists a value twice");
    }
  }

  @Override
  public Hyperparameter<?> hyperparameter(String key) {
    return new HpCategorical<>(key, values);
  }

  @Override
  public Object value(Object drawn) {
    return drawn;
  }

  @Override
  public String describe() {
    return values.stream().map(Changes::value).collect(Collectors.joining(", ", "one of ", ""));
  }

  @Override
  public List<Object> extremes() {
    return values;
  }
}
