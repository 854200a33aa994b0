package cifar.vugrad.data;

import cifar.vugrad.Tensor;
import java.util.Arrays;

/**
 * Instances as rows of {@code features} (n × f, row-major) with one class per row in
 * {@code labels}.
 */
public record Split(double[] features, int numFeatures, int[] labels) {
  public Split {
    if (features.length != labels.length * numFeatures) {
      throw new IllegalArgumentException(
          features.length + " feature values do not make " + labels.length + " rows of "
              + numFeatures);
    }
  }

  public int size() {
    return labels.length;
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive) as an (n, f) tensor: a batch, made
   * with {@link Tensor#empty} like the values ops make.
   */
  public Tensor rows(int from, int to) {
    Tensor batch = Tensor.empty(to - from, numFeatures);
    System.arraycopy(features, from * numFeatures, batch.values(), 0, batch.size());
    return batch;
  }

  public int[] labels(int from, int to) {
    return Arrays.copyOfRange(labels, from, to);
  }

  /** How many rows have each class, like numpy's bincount. */
  public int[] classCounts(int numClasses) {
    int[] counts = new int[numClasses];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }
}
