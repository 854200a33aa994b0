package cifar.vugrad;

import java.util.List;

/**
 * One application of an {@link Op} in the graph (the diamond in vugrad's drawings): which op,
 * what its forward remembered, which nodes went in and which came out.
 */
public final class OpNode {
  private final Op op;
  private final Context context;
  private List<TensorNode> inputs;
  private List<TensorNode> outputs;
  long visit; // the last graph walk that reached this node (see Graph)

  OpNode(Op op, Context context, List<TensorNode> inputs) {
    this.op = op;
    this.context = context;
    this.inputs = inputs;
  }

  public Op op() {
    return op;
  }

  public Context context() {
    return context;
  }

  public List<TensorNode> inputs() {
    return inputs;
  }

  public List<TensorNode> outputs() {
    return outputs;
  }

  void setOutputs(List<TensorNode> outputs) {
    this.outputs = outputs;
  }

  /**
   * Runs the op's backward: reads the gradients of the outputs (complete, because the walk visits
   * every consumer of an output first) and adds the result into the inputs' gradients.
   */
  void backward() {
    if (!outputs.get(0).requiresGrad()) {
      return; // made from constants alone: no gradient to pass down (all outputs agree)
    }
    Tensor[] outputGrads = new Tensor[outputs.size()];
    for (int i = 0; i < outputGrads.length; i++) {
      outputGrads[i] = outputs.get(i).grad();
    }
    Tensor[] inputGrads = op.backward(context, outputGrads);
    if (inputGrads.length != inputs.size()) {
      throw new IllegalStateException(
          op.name() + ".backward returned " + inputGrads.length + " gradients for "
              + inputs.size() + " inputs");
    }
    for (int i = 0; i < inputGrads.length; i++) {
      TensorNode input = inputs.get(i);
      if (input.requiresGrad()) { // ops may return null for an input that needs no gradient
        input.accumulate(inputGrads[i], op);
      }
    }
  }

  /** Unlinks this op from its inputs and outputs, so the garbage collector can take the graph. */
  void disconnect() {
    inputs = List.of();
    outputs = List.of();
  }

  @Override
  public String toString() {
    return "OpNode[" + op.name() + "]";
  }
}
