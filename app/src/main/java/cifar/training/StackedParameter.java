package cifar.training;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One parameter of a {@link StackedModel} (one layer's weight or bias for all K members) and how
 * member i's part of it reads in the member's own shape (DJL's layout). Its tensors are either
 * one stacked tensor (an fc layer's) or the K members' own (a conv layer's, see {@link
 * StackedLayers}); the same view reads the parameter, its gradients and its momentum states.
 *
 * @param arrays the tensors the forward pass and the optimizer use
 * @param member member i's part of tensors shaped like {@code arrays}, as a view
 */
record StackedParameter(List<NDArray> arrays,
    BiFunction<List<NDArray>, Integer, NDArray> member) {
  StackedParameter {
    arrays = List.copyOf(arrays);
  }

  /** Member {@code i}'s part of {@code tensors} (the parameter, or its gradients), in its shape. */
  NDArray of(List<NDArray> tensors, int i) {
    return member.apply(tensors, i);
  }

  /** Member {@code i}'s part of the parameter itself. */
  NDArray of(int i) {
    return of(arrays, i);
  }
}
