package cifar.training;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link Evaluation} of every member of a {@link StackedModel} at once: the images go through the
 * stacked forward once, each batch given to every member, in {@link Inference}'s batches
 * without gradients, and one copy to the host brings all members' predicted classes.
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
    try {
      classes = Inference.run(split.images, n,
          batch -> model.forward(new NDList(Collections.nCopies(k, batch)), false).argMax(2), 1,
          kept -> kept == null ? new long[0] : kept.toLongArray());
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
