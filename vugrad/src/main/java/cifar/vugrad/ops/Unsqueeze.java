package cifar.vugrad.ops;

import cifar.vugrad.Shapes;
import cifar.vugrad.Tensor;

/** Inserts an axis of length 1 at {@code axis}: (n,) → (1, n) for axis 0, (n, 1) for axis 1. */
public final class Unsqueeze extends ReshapeOp {
  private final int axis;

  public Unsqueeze(int axis) {
    this.axis = axis;
  }

  @Override
  protected int[] newShape(Tensor x) {
    Shapes.require(x.rank() < 2, this::name,
        () -> "cannot add a third axis to " + x.show());
    Shapes.require(
        axis >= 0 && axis <= x.rank(), this::name,
        () -> "no axis " + axis + " to insert into " + x.show());
    int[] shape = new int[x.rank() + 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      shape[i] = i == axis ? 1 : x.size(j++);
    }
    return shape;
  }

  @Override
  public String name() {
    return "Unsqueeze(axis " + axis + ")";
  }
}
