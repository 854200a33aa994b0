package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import cifar.config.RunConfig;
import cifar.model.BlitzNet;
import cifar.model.FlatParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Training on one device, written for batch 4, where a step is about a millisecond and per-step
 * overhead (native calls, allocations, host syncs) is most of it. Per step it makes: two views for
 * the batch, the forward pass (one native call per layer with {@link DirectForward}), log-softmax
 * and gather for the loss, one backward, two native calls for the whole net's update
 * ({@link MomentumSgd} on the net's {@link FlatParameters}), and one detach to keep the logits.
 */
public final class EpochLoop extends TrainingEpoch {
  private final UnaryOperator<NDArray> net;
  private final MomentumSgd sgd;

  /**
   * @param net the training forward pass, images to logits (a {@link DirectForward}'s {@code
   *     apply}; the step benchmark also passes the DJL block's own forward, to compare)
   */
  public EpochLoop(UnaryOperator<NDArray> net, MomentumSgd sgd, int batchSize) {
    super(batchSize);
    this.net = net;
    this.sgd = sgd;
  }

  /** The loop that {@code train} runs on one device: {@code net}'s direct forward, momentum SGD. */
  public static EpochLoop direct(RunConfig config, BlitzNet.Net net, NDManager manager) {
    return new EpochLoop(new DirectForward(config, net)::apply,
        new MomentumSgd(List.of(flatParameters(net)), config.learningRate(), config.momentum(),
            manager),
        config.batchSize());
  }

  /**
   * {@code net}'s flat parameters, checked to be the arrays its blocks hold: an optimizer that
   * updated the flat tensor of a net whose arrays were replaced would train nothing.
   *
   * @throws IllegalStateException when the block's arrays are not the flat tensor's views
   */
  public static FlatParameters flatParameters(BlitzNet.Net net) {
    FlatParameters flat = net.flatParameters();
    List<NDArray> held = parametersOf(net);
    for (int i = 0; i < held.size(); i++) {
      if (held.get(i) != flat.views().get(i)) {
        throw new IllegalStateException("parameter " + i + " of the net is no longer a view of its"
            + " flat tensor (were parameters loaded into it?)");
      }
    }
    return flat;
  }

  /** The arrays of {@code net}'s parameters, in the block's order. */
  public static List<NDArray> parametersOf(Block net) {
    List<NDArray> parameters = new ArrayList<>();
    for (Parameter p : net.getParameters().values()) {
      parameters.add(p.getArray());
    }
    return parameters;
  }

  @Override
  MomentumSgd optimizer() {
    return sgd;
  }

  @Override
  Step begin(NDManager epochScope, long n) {
    // The loss is -mean(log p[label]); its gradient w.r.t. each picked log p is -1/b, so we
    // back-propagate that constant from the gathered values instead of building mean and neg.
    // Scaled by the learning rate, it leaves lr·grad in the parameters' gradients (MomentumSgd).
    BackwardSeeds seeds = new BackwardSeeds(epochScope, n, batchSize, sgd.gradientScale(),
        b -> new Shape(b, 1));
    return (x, y, from, to, scope, kept) -> {
      NDArray xb = Torch.rows(x, from, to);
      NDArray yb = Torch.rows(y, from, to);
      xb.attach(scope);
      yb.attach(scope);
      NDArray logits = net.apply(xb);
      NDArray picked = logits.logSoftmax(1).gather(yb, 1);
      Torch.backward(picked, seeds.of(to - from));
      sgd.step();
      NDArray detached = logits.stopGradient();
      detached.attach(epochScope);
      kept.add(detached);
    };
  }
}
