package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link Evaluation} of every member of a {@link StackedModel} at once: the images go through the
 * stacked forward once, each batch given to every member, {@link Inference#BATCH} at
 * a time without gradients, and one copy to the host brings all members' predicted classes.
 * Each member is then scored as its separate run would score it.
 */
final class StackedEvaluation {
  private StackedEvaluation() {}

  /** Each member's evaluation on {@code split}, in member order. */
  static List<Evaluation> of(StackedModel model, DeviceSplit split) {
    int k = model.size();
    int n = split.size();
    long[] classes; // (K, n), member-major
    boolean wasRecording = Torch.recording(false);
    try (NDManager scope = split.images.getManager().newSubManager()) {
      NDList batches = new NDList();
      for (int from = 0; from < n; from += Inference.BATCH) {
        try (NDManager step = scope.newSubManager()) {
          NDArray batch = Torch.rows(split.images, from, Math.min(n, from + Inference.BATCH));
          batch.attach(step);
          NDList copies = new NDList(Collections.nCopies(k, batch));
          NDArray kept = model.forward(copies, false).argMax(2);
          kept.attach(scope);
          batches.add(kept);
        }
      }
      classes = batches.isEmpty() ? new long[0] : NDArrays.concat(batches, 1).toLongArray();
    } finally {
      Torch.recording(wasRecording);
    }
    List<Evaluation> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(Evaluation.score(Arrays.copyOfRange(classes, i * n, (i + 1) * n), split.hostLabels));
    }
    return out;
  }
}
