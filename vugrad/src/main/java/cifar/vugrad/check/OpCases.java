package cifar.vugrad.check;

import cifar.vugrad.Add;
import cifar.vugrad.Divide;
import cifar.vugrad.MatrixMultiply;
import cifar.vugrad.Multiply;
import cifar.vugrad.Op;
import cifar.vugrad.Sub;
import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.nn.Functions;
import cifar.vugrad.ops.BatchMM;
import cifar.vugrad.ops.Exp;
import cifar.vugrad.ops.Expand;
import cifar.vugrad.ops.Id;
import cifar.vugrad.ops.Log;
import cifar.vugrad.ops.Normalize;
import cifar.vugrad.ops.ReLU;
import cifar.vugrad.ops.RowMax;
import cifar.vugrad.ops.RowSum;
import cifar.vugrad.ops.Select;
import cifar.vugrad.ops.Sigmoid;
import cifar.vugrad.ops.Square;
import cifar.vugrad.ops.Squeeze;
import cifar.vugrad.ops.Sum;
import cifar.vugrad.ops.Tanh;
import cifar.vugrad.ops.Unsqueeze;
import java.util.List;
import java.util.Random;

/** Every op and every function built from ops, each with random inputs from its domain. */
public final class OpCases {
  private OpCases() {}

  public static List<OpCase> all(Random r) {
    int[] targets = targetsOf(r);
    return List.of(
        op("Add", Add.OP, normal(r, 4, 3), normal(r, 4, 3)),
        op("Sub", Sub.OP, normal(r, 4, 3), normal(r, 4, 3)),
        op("Multiply", Multiply.OP, normal(r, 4, 3), normal(r, 4, 3)),
        op("Divide", Divide.OP, normal(r, 4, 3), awayFromZero(r, 4, 3)),
        op("Log", Log.OP, positive(r, 4, 3)),
        op("Exp", Exp.OP, normal(r, 4, 3)),
        op("Square", Square.OP, normal(r, 4, 3)),
        op("Sigmoid", Sigmoid.OP, normal(r, 4, 3)),
        op("Tanh", Tanh.OP, normal(r, 4, 3)),
        op("ReLU", ReLU.OP, awayFromZero(r, 4, 3)),
        op("MatrixMultiply", MatrixMultiply.OP, normal(r, 4, 3), normal(r, 3, 5)),
        op("BatchMM", BatchMM.OP, normal(r, 5, 3), normal(r, 4, 3)),
        op("Expand(axis 0)", new Expand(0, 4), normal(r, 1, 3)),
        op("Expand(axis 1)", new Expand(1, 3), normal(r, 4, 1)),
        op("Sum", Sum.OP, normal(r, 4, 3)),
        op("RowSum", RowSum.OP, normal(r, 4, 3)),
        op("RowMax", RowMax.OP, normal(r, 4, 3)),
        op("Normalize", Normalize.OP, positive(r, 4, 3)),
        op("Select", new Select(targets), normal(r, 4, 3)),
        op("Squeeze", new Squeeze(0), normal(r, 1, 3)),
        op("Unsqueeze", new Unsqueeze(1), normal(r, 4, 3).reshape(12)),
        op("Id", Id.OP, normal(r, 4, 3)),
        new OpCase("softmax", x -> Functions.softmax(x[0]), normal(r, 4, 3)),
        new OpCase("logsoftmax", x -> Functions.logsoftmax(x[0]), normal(r, 4, 3)),
        new OpCase("celoss", x -> Functions.celoss(Functions.softmax(x[0]), targets), normal(r, 4, 3)),
        new OpCase("logceloss", x -> Functions.logceloss(x[0], targets), normal(r, 4, 3)));
  }

  /** The target classes that {@link #all} draws first: 4 rows, 3 classes. */
  public static int[] targetsOf(Random r) {
    int[] targets = new int[4];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = r.nextInt(3);
    }
    return targets;
  }

  private static OpCase op(String name, Op op, Tensor... inputs) {
    return new OpCase(name, (TensorNode[] x) -> op.apply(x), inputs);
  }

  static Tensor normal(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Tensor.of(new int[] {rows, cols}, v);
  }

  /** Uniform in [0.5, 2): for log and for rows that are normalised (sums far from 0). */
  static Tensor positive(Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.5 + 1.5 * r.nextDouble();
    }
    return Tensor.of(new int[] {rows, cols}, v);
  }

  /** ±[0.2, 2): for divisors and for ReLU, whose kink at 0 has no derivative. */
  static Tensor awayFromZero(Random r, int rows, int cols) {
    Tensor t = positive(r, rows, cols);
    double[] v = t.values();
    for (int i = 0; i < v.length; i++) {
      v[i] = (r.nextBoolean() ? 1 : -1) * (v[i] - 0.3);
    }
    return t;
  }
}
