package cifar.search;

import ai.djl.training.hyperparameter.param.HpSet;
import ai.djl.training.hyperparameter.param.Hyperparameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a search searches: config keys with the distribution each is drawn from, in the sweep
 * file's order, held as a DJL {@link HpSet} too. The file's order is the order of a trial's
 * changes; the draws do not depend on it ({@link Draws}).
 *
 * @param keys each searched config key and its distribution, at least one
 */
public record Space(Map<String, Distribution> keys) {
  public Space {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a search space needs at least one key");
    }
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** The space as DJL's set of hyperparameters, each under its key's name. */
  public HpSet hpSet() {
    return new HpSet("space", keys.entrySet().stream()
        .<Hyperparameter<?>>map(
            e -> e.getValue().hyperparameter(e.getKey()))
        .toList());
  }

  /** Each key with its distribution in words, for sweep.json and the report. */
  public Map<String, String> described() {
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach((k, d) -> out.put(k, d.describe()));
    return out;
  }

  /** The searched keys, in the file's order. */
  public List<String> names() {
    return List.copyOf(keys.keySet());
  }
}
