package cifar.search;

import ai.djl.training.hyperparameter.param.Hyperparameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list-valued key drawn layer by layer: first how many layers ({@code layers}, e.g. 2 or 3
 * conv layers), then each layer's width from {@code each}, so {@code conv_channels} can search
 * the depth of the net and its widths at once. DJL has no such type; this one is a DJL
 * {@link Hyperparameter} whose draw is made of its two parts' draws, from the same generator.
 *
 * @param layers how many entries the list has (whole numbers, at least 0)
 * @param each each entry's value (whole numbers)
 */
public record PerLayer(Distribution layers, Distribution each) implements Distribution {
  public PerLayer {
    if (layers instanceof PerLayer || each instanceof PerLayer) {
      throw new IllegalArgumentException("layers and each are numbers, not lists");
    }
  }

  @Override
  public Hyperparameter<?> hyperparameter(String key) {
    Hyperparameter<?> count = layers.hyperparameter(key + ".layers");
    Hyperparameter<?> width = each.hyperparameter(key + ".each");
    return new Hyperparameter<List<Object>>(key) {
      @Override
      public List<Object> random() {
        int n = ((Number) layers.value(count.random())).intValue();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          out.add(each.value(width.random()));
        }
        return out;
      }
    };
  }

  @Override
  public Object value(Object drawn) {
    return drawn;
  }

  @Override
  public String describe() {
    return "layers " + layers.describe() + ", each " + each.describe();
  }

  /** The shortest and the longest list, of the smallest and the largest entries. */
  @Override
  public List<Object> extremes() {
    List<Object> out = new ArrayList<>();
    for (Object n : layers.extremes()) {
      for (Object w : each.extremes()) {
        out.add(Collections.nCopies(((Number) n).intValue(), w));
      }
    }
    return out;
  }
}
