package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.data.CifarSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test accuracy, overall and per class, of a network on normalised images held on the device.
 * Runs in large batches without gradients ({@link Inference}), with one copy to the host (the
 * predicted classes).
 *
 * @param accuracy fraction of images classified correctly, 0..1 (NaN for no images)
 * @param perClass accuracy of each of the 10 classes (NaN for a class with no images)
 * @param confusion the confusion matrix: {@code confusion.get(t).get(p)} images of true class t
 *     were given class p (10 × 10, class order); its diagonal over its row sums is {@code
 *     perClass}
 */
public record Evaluation(double accuracy, List<Double> perClass, List<List<Integer>> confusion) {
  public Evaluation {
    perClass = List.copyOf(perClass);
    confusion = confusion.stream().map(List::copyOf).toList();
  }

  /**
   * @param images normalised float images N×3×32×32 on the device
   * @param labels the true class of each image
   */
  static Evaluation of(Block net, ParameterStore store, NDArray images, byte[] labels) {
    return score(classes(net, store, images, labels.length), labels);
  }

  /** The class each of the first {@code n} images is given: the index of its largest logit. */
  static long[] classes(Block net, ParameterStore store, NDArray images, int n) {
    return Inference.run(net, store, images, n, logits -> logits.argMax(1),
        kept -> kept == null ? new long[0] : kept.toLongArray());
  }

  /** Scores predictions against labels, overall, per class and as a confusion matrix. */
  static Evaluation score(long[] predicted, byte[] labels) {
    int classes = CifarSplit.CLASSES.length;
    int[] seen = new int[classes];
    int[] right = new int[classes];
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      seen[labels[i]]++;
      counts[labels[i]][(int) predicted[i]]++;
      if (predicted[i] == labels[i]) {
        right[labels[i]]++;
      }
    }
    List<Double> perClass = new ArrayList<>();
    int total = 0;
    for (int c = 0; c < classes; c++) {
      perClass.add(seen[c] == 0 ? Double.NaN : right[c] / (double) seen[c]);
      total += right[c];
    }
    List<List<Integer>> confusion = new ArrayList<>();
    for (int[] row : counts) {
      confusion.add(Arrays.stream(row).boxed().toList());
    }
    return new Evaluation(labels.length == 0 ? Double.NaN : total / (double) labels.length,
        perClass, confusion);
  }
}
