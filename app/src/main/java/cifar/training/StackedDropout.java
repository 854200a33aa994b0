package cifar.training;

import ai.djl.ndarray.NDArray;
import cifar.model.SeededDropout;
import java.util.List;

/**
 * One dropout layer of a {@link StackedModel}: each member's part of the (K, B, units) values
 * gets the mask that member's own {@link SeededDropout} would draw for its (B, units) alone, all
 * K parts uploaded as one mask and applied in one multiply.
 */
final class StackedDropout {
  private final List<SeededDropout> members;

  /** @param members the layer's dropout block of each member, in member order */
  StackedDropout(List<SeededDropout> members) {
    this.members = List.copyOf(members);
  }

  /** The training-mode forward of {@code x}, (K, B, units) with K the members. */
  NDArray drop(NDArray x) {
    float[] mask = new float[Math.toIntExact(x.size())];
    int each = mask.length / members.size();
    for (int i = 0; i < members.size(); i++) {
      members.get(i).draw(mask, i * each, each); // (K, B, U) row-major: member i's rows in a row
    }
    return x.mul(x.getManager().create(mask, x.getShape()));
  }
}
