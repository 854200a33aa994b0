package cifar.vugrad;

import cifar.vugrad.fast.Products;
import java.util.Arrays;

/**
 * A raw value in the graph: a scalar, a vector or a matrix of doubles (vugrad's numpy array).
 *
 * <p>The numbers live row-major in one array; the {@code shape} says how to read them: {@code ()}
 * for a scalar, {@code (n)} for a vector, {@code (rows, cols)} for a matrix. vugrad never needs
 * more than two axes, so neither do we. A vector of n is read as an n×1 matrix; reshaping only
 * changes the shape, never the numbers.
 *
 * <p>Ops make their results with {@link #empty} or {@link #emptyLike} (numpy's {@code empty}: the
 * op writes every element) and {@link #plus}; those three may reuse the memory of an earlier
 * batch, by the rules in {@link Workspace}. Every other factory makes new memory.
 */
public final class Tensor {
  private final int[] shape;
  private final double[] values;
  private final int rows;
  private final int cols;

  private Tensor(int[] shape, double[] values, int rows, int cols) {
    this.shape = shape;
    this.values = values;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * A tensor of the given shape (0, 1 or 2 axes) over {@code values}. Neither is copied: the
   * tensor keeps both arrays, so do not change {@code shape} afterwards.
   */
  public static Tensor of(int[] shape, double[] values) {
    if (shape.length > 2) {
      throw new IllegalArgumentException("vugrad tensors have at most 2 axes, not " + show(shape));
    }
    int size = sizeOf(shape);
    if (values.length != size) {
      throw new IllegalArgumentException(
          "shape " + show(shape) + " needs " + size + " values, got " + values.length);
    }
    int rows = shape.length == 0 ? 1 : shape[0];
    int cols = shape.length == 2 ? shape[1] : 1;
    return new Tensor(shape, values, rows, cols);
  }

  public static Tensor scalar(double value) {
    return of(new int[0], new double[] {value});
  }

  public static Tensor vector(double... values) {
    return of(new int[] {values.length}, values.clone());
  }

  /** A rows×cols matrix from row-major values. */
  public static Tensor matrix(int rows, int cols, double... values) {
    return of(new int[] {rows, cols}, values.clone());
  }

  public static Tensor zeros(int... shape) {
    return of(shape.clone(), new double[sizeOf(shape)]);
  }

  public static Tensor full(int[] shape, double value) {
    double[] values = new double[sizeOf(shape)];
    Arrays.fill(values, value);
    return of(shape.clone(), values);
  }

  /** A tensor of the same shape as this one over new values (no copy). */
  public Tensor withValues(double[] values) {
    if (values.length != size()) {
      throw new IllegalArgumentException(
          "shape " + show() + " needs " + size() + " values, got " + values.length);
    }
    // The shape array is never written, so tensors of one shape can share it.
    return new Tensor(shape, values, rows, cols);
  }

  /** A zero tensor of this tensor's shape. */
  public Tensor zerosLike() {
    return withValues(new double[size()]);
  }

  /**
   * A tensor of the given shape for the caller to fill: every element must be written before any
   * is read, as with numpy's {@code empty}. This is how ops make their results.
   */
  public static Tensor empty(int... shape) {
    return of(shape, Workspace.forOverwrite(sizeOf(shape)));
  }

  /** {@link #empty} with this tensor's shape (numpy's {@code empty_like}). */
  public Tensor emptyLike() {
    return withValues(Workspace.forOverwrite(size()));
  }

  /** The element-wise sum of this tensor and {@code other} (numpy's {@code a + b}), a new tensor. */
  public Tensor plus(Tensor other) {
    Tensor sum = emptyLike();
    double[] a = values;
    double[] b = other.values;
    double[] z = sum.values;
    for (int i = 0; i < z.length; i++) {
      z[i] = a[i] + b[i];
    }
    return sum;
  }

  /**
   * The matrix product op(A)·op(B), where op transposes when asked (numpy's {@code a @ b},
   * {@code a.T @ b}, {@code a @ b.T}): an (n, m) tensor made as {@link #empty} makes one.
   */
  public static Tensor product(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
    int n = transposeA ? a.cols : a.rows;
    int m = transposeB ? b.rows : b.cols;
    Tensor c = empty(n, m);
    Products.mult(a.values, a.rows, a.cols, transposeA, b.values, b.rows, b.cols, transposeB, c.values);
    return c;
  }

  /**
   * Marks this tensor as one that outlives the batch that made it, such as a parameter's
   * gradient: its memory will not be reused (see {@link Workspace}). No copy.
   */
  public void keep() {
    Workspace.detach(values);
  }

  /** The same numbers read with another shape of the same size (shares the storage). */
  public Tensor reshape(int... newShape) {
    return of(newShape.clone(), values);
  }

  public Tensor copy() {
    return withValues(values.clone());
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The length of axis {@code axis}. */
  public int size(int axis) {
    return shape[axis];
  }

  /** The number of elements. */
  public int size() {
    return values.length;
  }

  /** Rows of the matrix view: a vector of n is n rows of one column, a scalar one row. */
  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The numbers, row-major. Writes show through. */
  public double[] values() {
    return values;
  }

  public double get(int i) {
    return values[i];
  }

  public double get(int row, int col) {
    return values[row * cols + col];
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (size() != 1) {
      throw new IllegalStateException("item() needs one element, this tensor has shape " + show());
    }
    return values[0];
  }

  public boolean sameShape(Tensor other) {
    // By hand rather than Arrays.equals: for one or two axes its general loop cost more than the
    // small ops it guards. Tensors of one shape often share the array.
    if (shape == other.shape) {
      return true;
    }
    if (shape.length != other.shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] != other.shape[i]) {
        return false;
      }
    }
    return true;
  }

  /** Adds {@code scale × other} to this tensor in place (gradient sums, SGD steps). */
  public void addInPlace(double scale, Tensor other) {
    double[] a = values;
    double[] b = other.values;
    for (int i = 0; i < a.length; i++) {
      a[i] += scale * b[i];
    }
  }

  public void fill(double value) {
    Arrays.fill(values, value);
  }

  /** The shape as numpy prints it: {@code ()}, {@code (3,)}, {@code (4, 2)}. */
  public String show() {
    return show(shape);
  }

  static String show(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return s.append(')').toString();
  }

  static int sizeOf(int[] shape) {
    int size = 1;
    for (int n : shape) {
      if (n < 0) {
        throw new IllegalArgumentException("negative length in shape " + show(shape));
      }
      size *= n;
    }
    return size;
  }

  @Override
  public String toString() {
    return "Tensor" + show() + Arrays.toString(values);
  }
}
