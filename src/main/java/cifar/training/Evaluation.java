package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.data.CifarSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy, overall and per class, of a network on normalised images held on the device.
 * Runs in large batches without gradients, with one copy to the host (the predicted classes).
 *
 * @param accuracy fraction of images classified correctly, 0..1 (NaN for no images)
 * @param perClass accuracy of each of the 10 classes (NaN for a class with no images)
 */
public record Evaluation(double accuracy, List<Double> perClass) {
  /** Images per forward pass: large enough that per-call overhead vanishes. */
  static final int BATCH = 1000;

  /**
   * @param images normalised float images N×3×32×32 on the device
   * @param labels the true class of each image
   */
  static Evaluation of(Block net, ParameterStore store, NDArray images, byte[] labels) {
    long[] predicted;
    try (NDManager scope = images.getManager().newSubManager()) {
      NDList batches = new NDList();
      for (int from = 0; from < labels.length; from += BATCH) {
        // A batch's activations (about 50 MB) are freed as soon as its classes are known, so the
        // pass needs memory for one batch, not for all ten of a 10,000-image test set at once.
        try (NDManager step = scope.newSubManager()) {
          NDArray batch = Torch.rows(images, from, Math.min(labels.length, from + BATCH));
          batch.attach(step);
          NDArray classes = net.forward(store, new NDList(batch), false).singletonOrThrow()
              .argMax(1);
          classes.attach(scope);
          batches.add(classes);
        }
      }
      predicted = batches.isEmpty() ? new long[0] : NDArrays.concat(batches).toLongArray();
    }
    return score(predicted, labels);
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
