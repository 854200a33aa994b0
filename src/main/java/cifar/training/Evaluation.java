package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.data.CifarSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy, overall and per class, of a network on normalised images held on the device.
 * Runs in large batches without gradients ({@link Inference}), with one copy to the host (the
 * predicted classes).
 *
 * @param accuracy fraction of images classified correctly, 0..1 (NaN for no images)
 * @param perClass accuracy of each of the 10 classes (NaN for a class with no images)
 */
public record Evaluation(double accuracy, List<Double> perClass) {
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

  /** Scores predictions against labels, overall and per class. */
  static Evaluation score(long[] predicted, byte[] labels) {
    int classes = CifarSplit.CLASSES.length;
    int[] seen = new int[classes];
    int[] right = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      seen[labels[i]]++;
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
    return new Evaluation(labels.length == 0 ? Double.NaN : total / (double) labels.length, perClass);
  }
}
