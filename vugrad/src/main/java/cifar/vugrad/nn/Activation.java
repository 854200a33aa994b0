package cifar.vugrad.nn;

import cifar.vugrad.Op;
import cifar.vugrad.TensorNode;
import cifar.vugrad.ops.ReLU;
import cifar.vugrad.ops.Sigmoid;
import cifar.vugrad.ops.Tanh;
import java.util.Locale;

/** The non-linearity between the MLP's layers: the study compares sigmoid with ReLU. */
public enum Activation {
  SIGMOID(Sigmoid.OP),
  RELU(ReLU.OP),
  TANH(Tanh.OP);

  private final Op op;

  Activation(Op op) {
    this.op = op;
  }

  public TensorNode apply(TensorNode x) {
    return op.apply(x);
  }

  /** The activation named {@code text}, in any case; fails with the names there are. */
  public static Activation parse(String text) {
    for (Activation a : values()) {
      if (a.label().equalsIgnoreCase(text.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '" + text + "' (expected one of sigmoid, relu, tanh)");
  }

  /** The name users type: "sigmoid", "relu", "tanh". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
