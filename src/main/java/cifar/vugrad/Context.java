package cifar.vugrad;

import java.util.HashMap;
import java.util.Map;

/**
 * What an op's forward keeps for its backward (vugrad's {@code context} dictionary): inputs,
 * intermediate results, constants such as an axis or the selected indices.
 */
public final class Context {
  private final Map<String, Object> saved = new HashMap<>(4);

  public void put(String key, Object value) {
    saved.put(key, value);
  }

  public Tensor tensor(String key) {
    return get(key, Tensor.class);
  }

  public <T> T get(String key, Class<T> type) {
    Object value = saved.get(key);
    if (value == null) {
      throw new IllegalStateException("nothing saved under '" + key + "' in the forward pass");
    }
    return type.cast(value);
  }
}
