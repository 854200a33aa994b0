package cifar.vugrad.nn;

import cifar.vugrad.TensorNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * vugrad's MLP: a linear layer, a non-linearity, a second linear layer, and a log-softmax, so the
 * outputs are log-probabilities of the classes (feed them to {@link Functions#logceloss}).
 */
public final class MLP implements Module {
  private final Linear layer1;
  private final Activation activation;
  private final Linear layer2;

  public MLP(int inputSize, int hiddenSize, int outputSize, Activation activation, Random random) {
    this.layer1 = new Linear(inputSize, hiddenSize, random);
    this.activation = activation;
    this.layer2 = new Linear(hiddenSize, outputSize, random);
  }

  @Override
  public TensorNode forward(TensorNode input) {
    TensorNode hidden = activation.apply(layer1.forward(input));
    return Functions.logsoftmax(layer2.forward(hidden));
  }

  @Override
  public List<TensorNode> parameters() {
    List<TensorNode> all = new ArrayList<>(layer1.parameters());
    all.addAll(layer2.parameters());
    return all;
  }
}
