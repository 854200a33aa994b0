package cifar.vugrad;

import java.util.List;

/**
 * An operation: a forward on raw values, a backward on raw gradients, and the wiring that puts
 * one application of it into the graph (vugrad's {@code do_forward}).
 *
 * <p>{@code backward} is not the local derivative alone: it gets the gradient of the loss over
 * each output and returns the gradient of the loss over each input (local derivative times the
 * upstream gradient, by the chain rule). Constants such as an axis are fields of the op object,
 * never graph inputs, so they get no gradient.
 *
 * <p>An abstract class rather than an interface: every op's forward and backward is called from
 * the same two places, and a call looked up in a class's method table costs less than one looked
 * up in an interface's (a measurably faster synthetic epoch, docs/benchmarks/JOURNAL.md).
 */
public abstract class Op {

  /** Computes the outputs from the input values; keeps what backward needs in {@code context}. */
  public abstract Tensor[] forward(Context context, Tensor... inputs);

  /**
   * Given the loss's gradient over each output, returns its gradient over each input; an op may
   * return null for an input where {@link Context#needsGrad} is false (its gradient is not used).
   */
  public abstract Tensor[] backward(Context context, Tensor... outputGrads);

  /** The name used in error messages and the gradient-check table. */
  public String name() {
    return getClass().getSimpleName();
  }

  /**
   * Applies this op to nodes: unwraps their values, runs {@link #forward}, and links the outputs
   * to a new {@link OpNode} that remembers the inputs, so backward can walk back from them.
   * The context tells backward which inputs need a gradient ({@link Context#needsGrad}). The op
   * node keeps an array of inputs passed as one as it is: do not change it afterwards.
   */
  public List<TensorNode> applyAll(TensorNode... inputs) {
    return List.of(link(inputs));
  }

  /** {@link #applyAll} for the usual op with one output. */
  public TensorNode apply(TensorNode... inputs) {
    TensorNode[] outputs = link(inputs);
    if (outputs.length != 1) {
      throw new IllegalStateException(name() + " has " + outputs.length + " outputs; use applyAll");
    }
    return outputs[0];
  }

  /** The work of {@link #applyAll}; returns the outputs as the op node keeps them. */
  private TensorNode[] link(TensorNode[] inputs) {
    Tensor[] raw = new Tensor[inputs.length];
    boolean[] needsGrad = new boolean[inputs.length];
    boolean anyNeedsGrad = false;
    for (int i = 0; i < inputs.length; i++) {
      raw[i] = inputs[i].value();
      needsGrad[i] = inputs[i].requiresGrad();
      anyNeedsGrad |= needsGrad[i];
    }
    Context context = new Context();
    context.setNeedsGrad(needsGrad);
    Tensor[] outputsRaw = forward(context, raw);
    OpNode opNode = new OpNode(this, context, inputs);
    TensorNode[] outputs = new TensorNode[outputsRaw.length];
    for (int i = 0; i < outputs.length; i++) {
      // An output needs a gradient exactly when some input does: only then can the loss's
      // gradient flow through it to something that will use it.
      outputs[i] = new TensorNode(outputsRaw[i], opNode, anyNeedsGrad);
    }
    opNode.setOutputs(outputs);
    return outputs;
  }
}
