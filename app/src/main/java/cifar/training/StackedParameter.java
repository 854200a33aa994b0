package cifar.training;

import ai.djl.ndarray.NDArray;
import java.util.function.BiFunction;

/**
 * One parameter of a {@link StackedModel}: one layer's weight (or bias) of all K members in one
 * tensor, and how member i's part of a tensor of that shape reads in the member's own shape
 * (DJL's layout). The same view reads the parameter, its gradient and its momentum state.
 *
 * @param array the stacked tensor the forward pass and the optimizer use
 * @param member member i's part of a tensor shaped like {@code array}, as a view
 */
record StackedParameter(NDArray array, BiFunction<NDArray, Integer, NDArray> member) {
  /** Member {@code i}'s part of {@code stacked} (the parameter, or its gradient), in its shape. */
  NDArray of(NDArray stacked, int i) {
    return member.apply(stacked, i);
  }
}
