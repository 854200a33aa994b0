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
  private boolean[] needsGrad; // per input; null: every input needs its gradient

  /**
   * Whether backward must compute the gradient of input {@code i}. Data (a batch of inputs) and
   * other constants need none, so ops may skip that work, as PyTorch's {@code requires_grad}
   * lets them: for the first layer, dX is one of the six matrix products of a batch.
   */
  public boolean needsGrad(int i) {
    return needsGrad == null || needsGrad[i];
  }

  void setNeedsGrad(boolean[] needsGrad) {
    this.needsGrad = needsGrad;
  }

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
