package cifar.vugrad;

import java.util.List;

/**
 * One application of an {@link Op} in the graph (the diamond in vugrad's drawings): which op,
 * what its forward remembered, which nodes went in and which came out.
 */
public final class OpNode {
  private final Op op;
  private final Context context;
  // Arrays, made into lists only when asked for: the graph walks read them several times per op
  // and batch, and two lists per op were a large part of what a batch allocated.
  private TensorNode[] inputs;
  private TensorNode[] outputs;
  long visit; // the last graph walk that reached this node (see Graph)

  OpNode(Op op, Context context, TensorNode[] inputs) {
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
    return List.of(inputs);
  }

  public List<TensorNode> outputs() {
    return List.of(outputs);
  }

  /** The inputs themselves, for the graph walks in this package: never write into it. */
  TensorNode[] inputArray() {
    return inputs;
  }

  /** The outputs themselves, for the graph walks in this package: never write into it. */
  TensorNode[] outputArray() {
    return outputs;
  }

  void setOutputs(TensorNode[] outputs) {
    this.outputs = outputs;
  }

  /**
   * Runs the op's backward: reads the gradients of the outputs (complete, because the walk visits
   * every consumer of an output first) and adds the result into the inputs' gradients.
   */
  void backward() {
    if (!outputs[0].requiresGrad()) {
      return; // made from constants alone: no gradient to pass down (all outputs agree)
    }
    Tensor[] outputGrads = new Tensor[outputs.length];
    for (int i = 0; i < outputGrads.length; i++) {
      outputGrads[i] = outputs[i].grad();
    }
    Tensor[] inputGrads = op.backward(context, outputGrads);
    if (inputGrads.length != inputs.length) {
      throw new IllegalStateException(
          op.name() + ".backward returned " + inputGrads.length + " gradients for "
              + inputs.length + " inputs");
    }
    for (int i = 0; i < inputGrads.length; i++) {
      TensorNode input = inputs[i];
      if (input.requiresGrad()) { // ops may return null for an input that needs no gradient
        input.accumulate(inputGrads[i], op);
      }
    }
  }

  /** Unlinks this op from its inputs and outputs, so the garbage collector can take the graph. */
  void disconnect() {
    inputs = new TensorNode[0];
    outputs = new TensorNode[0];
  }

  @Override
  public String toString() {
    return "OpNode[" + op.name() + "]";
  }
}
