package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import cifar.model.Layer;
import cifar.model.SeededDropout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The stacked forward pass, layer by layer: what each kind of {@link Layer} is when K members
 * are trained as one model. It is a {@link Layer.Visitor} like {@link DirectForward}, so a new
 * layer kind does not compile until both say what it does. Activations are (B, K·C, H, W) up to
 * the flatten, member i's channels in group i, and (K, B, F) after it:
 *
 * <ul>
 *   <li>conv: one grouped convolution, K groups; weight (K·out, in, k, k), bias (K·out), the
 *       members' own tensors end to end;
 *   <li>max pool, ReLU and the fc activations: as in the single model (per channel, per value);
 *   <li>flatten: (B, K·C, H, W) to (K, B, C·H·W), views only;
 *   <li>dense: one batched matrix product and one add; weight (K, in, out), the members' (out,
 *       in) weights transposed, bias (K, 1, out);
 *   <li>dropout: each member's mask from its own generator ({@link StackedDropout}).
 * </ul>
 *
 * Visiting a conv or dense layer makes its stacked parameters from the members' blocks.
 */
final class StackedLayers implements Layer.Visitor<StackedLayers.Op> {
  /** One layer of the stacked forward. */
  @FunctionalInterface
  interface Op {
    /** The layer on {@code x}; dropout only drops when {@code training}. */
    NDArray apply(NDArray x, boolean training);
  }

  private final List<List<Block>> blocks; // blocks.get(i): member i's blocks, in layer order
  private final List<StackedParameter> parameters = new ArrayList<>();
  private final int k;
  private Layer layer;
  private int index;

  private StackedLayers(List<Block> members) {
    this.blocks = members.stream().map(net -> net.getChildren().values()).toList();
    this.k = members.size();
  }

  /**
   * The stacked forward of {@code plan} (the layers every member was built from) and its
   * parameters, in the members' parameter order (each layer's weight, then its bias), made with
   * autograd recording off and then set to record gradients.
   */
  static List<Op> build(List<Layer> plan, List<Block> members, List<StackedParameter> into) {
    StackedLayers maker = new StackedLayers(members);
    List<Op> ops = new ArrayList<>();
    boolean wasRecording = Torch.recording(false);
    try {
      for (maker.index = 0; maker.index < plan.size(); maker.index++) {
        maker.layer = plan.get(maker.index);
        ops.add(maker.layer.accept(maker));
      }
    } finally {
      Torch.recording(wasRecording);
    }
    for (StackedParameter p : maker.parameters) {
      p.array().setRequiresGradient(true);
    }
    into.addAll(maker.parameters);
    return ops;
  }

  @Override
  public Op conv(Layer.Conv conv) {
    NDArray w = joined(Conv2d.class, "weight");
    NDArray b = joined(Conv2d.class, "bias");
    return (x, training) -> Torch.conv2d(x, w, b, k);
  }

  @Override
  public Op dense(Layer.Dense dense) {
    NDArray[] w = members(Linear.class, "weight");
    NDArray[] b = members(Linear.class, "bias");
    for (int i = 0; i < k; i++) {
      w[i] = w[i].transpose(); // (out, in) to (in, out): bmm multiplies by it as it stands
      b[i] = b[i].reshape(1, b[i].size());
    }
    NDArray weight = add(Torch.stack(w), (t, i) -> t.get(i).transpose());
    NDArray bias = add(Torch.stack(b), (t, i) -> t.get(i).squeeze(0));
    return (x, training) -> Torch.batchedLinear(x, weight, bias);
  }

  @Override
  public Op dropout(Layer.Dropout dropout) {
    List<SeededDropout> each = new ArrayList<>();
    for (List<Block> member : blocks) {
      each.add(DirectForward.expect(member.get(index), SeededDropout.class, layer, index));
    }
    StackedDropout d = new StackedDropout(each);
    return (x, training) -> training ? d.drop(x) : x;
  }

  @Override
  public Op maxPool(Layer.MaxPool pool) {
    return (x, training) -> Torch.maxPool2x2(x);
  }

  @Override
  public Op flatten(Layer.Flatten flatten) {
    return (x, training) -> Torch.perModel(x, k);
  }

  @Override
  public Op nonlinearity(Layer.Nonlinearity nonlinearity) {
    UnaryOperator<NDArray> f = Torch.nonlinearity(nonlinearity.function());
    return (x, training) -> f.apply(x);
  }

  /** The members' parameter {@code name} end to end along its first axis (a conv's). */
  private NDArray joined(Class<? extends Block> type, String name) {
    NDArray[] each = members(type, name);
    long rows = each[0].getShape().get(0);
    return add(Torch.cat(each, 0), (t, i) -> Torch.rows(t, i * rows, (i + 1) * rows));
  }

  private NDArray[] members(Class<? extends Block> type, String name) {
    NDArray[] out = new NDArray[k];
    for (int i = 0; i < k; i++) {
      out[i] = DirectForward.parameter(blocks.get(i).get(index), type, name, layer, index);
    }
    return out;
  }

  private NDArray add(NDArray stacked, BiFunction<NDArray, Integer, NDArray> view) {
    parameters.add(new StackedParameter(stacked, view));
    return stacked;
  }
}
