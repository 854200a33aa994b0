package cifar.vugrad;

import java.util.Arrays;

/**
 * What an op's forward keeps for its backward (vugrad's {@code context} dictionary): inputs,
 * intermediate results, constants such as an axis or the selected indices.
 *
 * <p>An op keeps two or three things, so a short list of key/value pairs searched in order is
 * all the dictionary we need (and cheaper than a hash map, made for every op of every batch).
 */
public final class Context {
  private Object[] entries = new Object[4]; // key, value, key, value, ...
  private int size;

  public void put(String key, Object value) {
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, 2 * size);
    }
    entries[size++] = key;
    entries[size++] = value;
  }

  public Tensor tensor(String key) {
    return get(key, Tensor.class);
  }

  /** The value saved last under {@code key}. */
  public <T> T get(String key, Class<T> type) {
    for (int i = size - 2; i >= 0; i -= 2) {
      if (entries[i].equals(key)) {
        return type.cast(entries[i + 1]);
      }
    }
    throw new IllegalStateException("nothing saved under '" + key + "' in the forward pass");
  }
}
