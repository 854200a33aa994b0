package cifar.vugrad.ops;

import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/** Removes an axis of length 1: (1, n) → (n,) for axis 0, (n, 1) → (n,) for axis 1. */
public final class Squeeze extends ReshapeOp {
  private final int axis;

  public Squeeze(int axis) {
    this.axis = axis;
  }

  @Override
  protected int[] newShape(Tensor x) {
    Shapes.require(
        axis >= 0 && axis < x.rank() && x.size(axis) == 1, this::name,
        () -> "axis " + axis + " of " + x.show() + " is not an axis of length 1");
    int[] shape = new int[x.rank() - 1];
    for (int i = 0, j = 0; i < x.rank(); i++) {
      if (i != axis) {
        shape[j++] = x.size(i);
      }
    }
    return shape;
  }

  @Override
  public String name() {
    return "Squeeze(axis " + axis + ")";
  }
}
