package cifar.vugrad;

import java.util.List;

/**
 * A value in the computation graph, linked to the op that made it (vugrad's TensorNode).
 *
 * <p>{@code grad} has the value's shape; after {@link #backward} it holds, at each index, the
 * derivative of the loss with respect to the value at that index. It reads as zeros until then.
 */
public final class TensorNode {
  private Tensor value;
  private Tensor grad; // null means "all zeros, not allocated yet"
  private OpNode source;
  private final String name;
  private final boolean requiresGrad;

  /**
   * A leaf that gets a gradient: a parameter, or any value whose gradient you want to read.
   * (The least surprising default: {@code grad()} is filled after backward, as in vugrad.)
   */
  public TensorNode(Tensor value) {
    this(value, null, null, true);
  }

  /** A named leaf ("w1", "x"), handy in error messages and when reading a graph. */
  public TensorNode(Tensor value, String name) {
    this(value, null, name, true);
  }

  /**
   * A leaf that needs no gradient: data such as a batch of inputs, or a constant. Ops then skip
   * computing its gradient (PyTorch's {@code requires_grad=False}, its default for data); its
   * {@code grad()} stays zeros.
   */
  public static TensorNode constant(Tensor value) {
    return new TensorNode(value, null, null, false);
  }

  TensorNode(Tensor value, OpNode source, boolean requiresGrad) {
    this(value, source, null, requiresGrad);
  }

  private TensorNode(Tensor value, OpNode source, String name, boolean requiresGrad) {
    this.value = value;
    this.source = source;
    this.name = name;
    this.requiresGrad = requiresGrad;
  }

  /**
   * Whether backward gives this node a gradient: true for leaves made with the constructor, false
   * for {@link #constant}s, and for an op's output true when any of the op's inputs requires one.
   */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  public Tensor value() {
    return value;
  }

  /**
   * The gradient of the loss over this value: zeros until a backward pass reaches this node.
   * Read it, never write into it: ops may share one gradient tensor between several nodes.
   */
  public Tensor grad() {
    if (grad == null) {
      grad = value.zerosLike();
    }
    return grad;
  }

  /** The op node that produced this value, or null for a leaf. */
  public OpNode source() {
    return source;
  }

  /** The name given at creation, or null. */
  public String name() {
    return name;
  }

  public int[] shape() {
    return value.shape();
  }

  /**
   * Backpropagation from this node, which must hold a single number (the loss). Its gradient is
   * seeded with 1 (d loss / d loss), then every op below passes gradients to its inputs in an
   * order where all uses of a value have contributed before that value's own op runs.
   *
   * <p>Leaves (inputs, parameters) accumulate over calls until {@link #zeroGrad}; the values made
   * by ops start each pass from zero, so a second call adds exactly the same gradients again
   * (PyTorch behaves the same; vugrad would count the intermediate gradients twice).
   */
  public void backward() {
    if (value.size() != 1) {
      throw new IllegalStateException(
          "backward() can only start from a scalar node, this one has shape " + value.show());
    }
    List<OpNode> order = Graph.backwardOrder(this);
    for (OpNode op : order) {
      for (TensorNode output : op.outputArray()) {
        output.grad = null;
      }
    }
    grad = Tensor.full(value.shape(), 1.0);
    for (OpNode op : order) {
      op.backward();
    }
  }

  /** Resets the gradient of this node and of every node below it to zero. */
  public void zeroGrad() {
    grad = null; // reads as zeros; dropping it also never touches a tensor others share
    for (OpNode op : Graph.backwardOrder(this)) {
      for (TensorNode input : op.inputArray()) {
        input.grad = null;
      }
      for (TensorNode output : op.outputArray()) {
        output.grad = null;
      }
    }
  }

  /**
   * Disconnects the graph below this node, so everything not held elsewhere can be collected.
   * Parameters stay alive through their modules and keep their values.
   */
  public void clear() {
    for (OpNode op : Graph.backwardOrder(this)) {
      for (TensorNode output : op.outputArray()) {
        output.source = null;
      }
      op.disconnect();
    }
    source = null;
  }

  /**
   * Adds one op's contribution to this node's gradient (core.py: {@code node.grad += grad}). A
   * value used by several ops (or twice by one op) gets the sum of all contributions: the
   * multivariate chain rule.
   */
  void accumulate(Tensor contribution, Op from) {
    if (!contribution.sameShape(value)) {
      throw new IllegalStateException(
          from.name() + ".backward gave a gradient of shape " + contribution.show()
              + " for an input of shape " + value.show());
    }
    // The sum is a new tensor rather than written into grad: ops may hand one gradient tensor to
    // several inputs (Add gives G to both), so neither may be changed in place.
    grad = grad == null ? contribution : grad.plus(contribution);
    if (source == null) {
      grad.keep(); // a leaf's gradient (a parameter's) is read after the batch
    }
  }

  public TensorNode plus(TensorNode other) {
    return Add.OP.apply(this, other);
  }

  public TensorNode minus(TensorNode other) {
    return Sub.OP.apply(this, other);
  }

  public TensorNode times(TensorNode other) {
    return Multiply.OP.apply(this, other);
  }

  /** Multiplies by a constant: vugrad's {@code node * -1.0}, a Multiply with a constant node. */
  public TensorNode times(double constant) {
    return Multiply.OP.apply(this, constant(Tensor.full(value.shape(), constant)));
  }

  public TensorNode div(TensorNode other) {
    return Divide.OP.apply(this, other);
  }

  public TensorNode matmul(TensorNode other) {
    return MatrixMultiply.OP.apply(this, other);
  }

  @Override
  public String toString() {
    String op = source == null ? "none" : source.op().name();
    return "TensorNode[" + (name == null ? "" : name + ", ") + "size " + value.show()
        + ", source " + op + "]";
  }
}
